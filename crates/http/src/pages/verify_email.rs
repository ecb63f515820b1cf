//! The page the email-verification email links to (`?email=..&code=..`): one button that
//! posts the code, so that a mail scanner fetching the link spends nothing; the check is the
//! domain's (`VerificationService::confirm_email`).

use account_domain::values::Email;
use account_domain::verification::ConfirmCodeError;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::layout::{form, page, paragraph};
use super::notices::{failure, tell, throttled, unusable};
use super::reply::html;
use super::visitor::Visitor;
use super::{VERIFY_EMAIL_PATH, csrf};
use crate::extract::Client;
use crate::state::AppState;

/// The link's query, and the posted form with the form token added.
#[derive(Default, Deserialize)]
pub struct VerifyLink {
    #[serde(default)]
    email: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
}

pub async fn show(visitor: Visitor, link: web::Query<VerifyLink>) -> HttpResponse {
    let words = visitor.words;
    let VerifyLink { email, code, .. } = link.into_inner();
    if Email::parse(&email).is_err() || code.trim().is_empty() {
        return unusable(&visitor, words.verify_unusable_text, None);
    }
    let token = csrf::token_for(&visitor.request, &visitor.settings);
    let body = [
        paragraph(words.verify_intro, &email),
        form(
            VERIFY_EMAIL_PATH,
            &[("email", &email), ("code", &code), ("csrf", &token)],
            "",
            words.verify_submit,
        ),
    ]
    .concat();
    html(
        StatusCode::OK,
        page(words, words.verify_title, &body),
        Some(csrf::set_cookie(&visitor.settings, &token)),
    )
}

pub async fn submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    Client(client): Client,
    web::Form(posted): web::Form<VerifyLink>,
) -> HttpResponse {
    let words = visitor.words;
    let email = match visitor.own_post(&posted.csrf, &posted.email, words.verify_unusable_text) {
        Ok(email) => email,
        Err(page) => return *page,
    };
    match state
        .verification
        .confirm_email(&email, &posted.code, &client)
        .await
    {
        Ok(()) => tell(
            StatusCode::OK,
            words.verified_title,
            words.verified_text,
            &visitor,
        ),
        Err(
            ConfirmCodeError::Invalid
            | ConfirmCodeError::Expired
            | ConfirmCodeError::AttemptsExhausted,
        ) => unusable(&visitor, words.verify_unusable_text, None),
        Err(ConfirmCodeError::Throttled { .. }) => throttled(&visitor),
        Err(ConfirmCodeError::Unexpected(cause)) => failure(&visitor, &cause),
    }
}
