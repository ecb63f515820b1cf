//! The page the password-reset email links to (`?email=..&token=..`): a form for the new
//! password, typed twice, posted with the link's token and the form token, or the page of a
//! link that no longer works; the checks and the reset are the domain's
//! (`PasswordResetService::check_reset_link` and `reset_password`: the same password rules and
//! token checks as the API).

use account_domain::recovery::{CheckResetLinkError, ResetPasswordError};
use account_domain::values::{Email, Password};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::layout::{error, form, hint, page, paragraph, password_input};
use super::notices::{failure, tell, throttled, unusable};
use super::reply::html;
use super::visitor::Visitor;
use super::{RESET_PATH, csrf};
use crate::extract::Client;
use crate::state::AppState;

/// The link's query.
#[derive(Debug, Default, Deserialize)]
pub struct ResetLink {
    #[serde(default)]
    email: String,
    #[serde(default)]
    token: String,
}

/// The posted form: the link's address and token, the form token, the new password twice.
#[derive(Default, Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// The form, if the link still works (`PasswordResetService::check_reset_link`); else its
/// page, so that nobody types a new password in vain.
pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    Client(client): Client,
    link: web::Query<ResetLink>,
) -> HttpResponse {
    let words = visitor.words;
    let ResetLink { email, token } = link.into_inner();
    let Ok(address) = Email::parse(&email) else {
        return unusable(&visitor, words.unusable_text, None);
    };
    let checked = state
        .password_reset
        .check_reset_link(&address, &token, &client)
        .await;
    match checked {
        Ok(()) => form_page(&visitor, StatusCode::OK, &email, &token, None),
        Err(CheckResetLinkError::InvalidToken) => {
            unusable(&visitor, words.unusable_text, Some(address.as_str()))
        }
        Err(CheckResetLinkError::Throttled { .. }) => throttled(&visitor),
        Err(CheckResetLinkError::Unexpected(cause)) => failure(&visitor, &cause),
    }
}

pub async fn submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    Client(client): Client,
    web::Form(posted): web::Form<ResetForm>,
) -> HttpResponse {
    let words = visitor.words;
    let email = match visitor.own_post(&posted.csrf, &posted.email, words.unusable_text) {
        Ok(email) => email,
        Err(page) => return *page,
    };
    let again = |problem: &str| {
        form_page(
            &visitor,
            StatusCode::BAD_REQUEST,
            &posted.email,
            &posted.token,
            Some(problem),
        )
    };
    if posted.password != posted.confirm {
        return again(words.mismatch);
    }
    let password = match Password::parse(&posted.password) {
        Ok(password) => password,
        Err(broken) => return again(words.password_rule(&broken)),
    };
    let reset = state
        .password_reset
        .reset_password(&email, &posted.token, password, &client)
        .await;
    match reset {
        Ok(()) => tell(
            StatusCode::OK,
            words.reset_done_title,
            words.reset_done_text,
            &visitor,
        ),
        Err(ResetPasswordError::WeakPassword(broken)) => again(words.password_rule(&broken)),
        Err(ResetPasswordError::InvalidToken) => {
            unusable(&visitor, words.unusable_text, Some(email.as_str()))
        }
        Err(ResetPasswordError::Throttled { .. }) => throttled(&visitor),
        Err(ResetPasswordError::Unexpected(cause)) => failure(&visitor, &cause),
    }
}

/// The form, with `problem` above it when the last try was refused.
fn form_page(
    visitor: &Visitor,
    status: StatusCode,
    email: &str,
    token: &str,
    problem: Option<&str>,
) -> HttpResponse {
    let words = visitor.words;
    let csrf_token = csrf::token_for(&visitor.request, &visitor.settings);
    let inputs = [
        password_input("password", words.new_password, Some("rules")),
        hint("rules", words.password_rules),
        password_input("confirm", words.confirm_password, None),
    ]
    .concat();
    let body = [
        paragraph(words.reset_intro, email),
        problem.map(error).unwrap_or_default(),
        form(
            RESET_PATH,
            &[("email", email), ("token", token), ("csrf", &csrf_token)],
            &inputs,
            words.reset_submit,
        ),
    ]
    .concat();
    html(
        status,
        page(words, words.reset_title, &body),
        Some(csrf::set_cookie(&visitor.settings, &csrf_token)),
    )
}
