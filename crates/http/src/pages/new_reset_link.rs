//! Asking for a new reset link from the page of one that no longer works: the domain's
//! `request_reset`, answered the same whether or not the address has an account.

use account_domain::recovery::RequestResetError;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::notices::{failure, tell_about, throttled};
use super::visitor::Visitor;
use crate::extract::Client;
use crate::state::AppState;

#[derive(Default, Deserialize)]
pub struct NewLinkForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf: String,
}

pub async fn submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    Client(client): Client,
    web::Form(posted): web::Form<NewLinkForm>,
) -> HttpResponse {
    let words = visitor.words;
    let email = match visitor.own_post(&posted.csrf, &posted.email, words.unusable_text) {
        Ok(email) => email,
        Err(page) => return *page,
    };
    match state.password_reset.request_reset(&email, &client).await {
        // A link went to the address a moment ago: the one to look for.
        Ok(()) | Err(RequestResetError::CoolingDown { .. }) => tell_about(
            StatusCode::OK,
            words.new_link_sent_title,
            words.new_link_sent_text,
            email.as_str(),
            &visitor,
        ),
        Err(RequestResetError::Throttled { .. }) => throttled(&visitor),
        Err(RequestResetError::Unexpected(cause)) => failure(&visitor, &cause),
    }
}
