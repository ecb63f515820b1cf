//! The pages that only tell something: a link that no longer works, too many attempts, a form
//! that is not this browser's own, a failure on our side.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use super::layout::{form, page, paragraph};
use super::reply::html;
use super::visitor::Visitor;
use super::{NEW_RESET_LINK_PATH, csrf};

/// An expired, used, unknown or incomplete link. `text` says what to do; `new_link_for`, an
/// address to offer a new reset link for.
pub fn unusable(visitor: &Visitor, text: &str, new_link_for: Option<&str>) -> HttpResponse {
    let words = visitor.words;
    let mut body = paragraph(text, "");
    let mut cookie = None;
    if let Some(email) = new_link_for {
        let token = csrf::token_for(&visitor.request, &visitor.settings);
        body.push_str(&form(
            NEW_RESET_LINK_PATH,
            &[("email", email), ("csrf", &token)],
            "",
            words.new_link_submit,
        ));
        cookie = Some(csrf::set_cookie(&visitor.settings, &token));
    }
    html(
        StatusCode::GONE,
        page(words, words.unusable_title, &body),
        cookie,
    )
}

pub fn throttled(visitor: &Visitor) -> HttpResponse {
    let words = visitor.words;
    tell(
        StatusCode::TOO_MANY_REQUESTS,
        words.throttled_title,
        words.throttled_text,
        visitor,
    )
}

pub fn stale_form(visitor: &Visitor) -> HttpResponse {
    let words = visitor.words;
    tell(
        StatusCode::FORBIDDEN,
        words.stale_form_title,
        words.stale_form_text,
        visitor,
    )
}

/// Our failure: the cause is logged, the visitor told to retry later.
pub fn failure(visitor: &Visitor, cause: &dyn std::fmt::Debug) -> HttpResponse {
    tracing::error!(cause = ?cause, "page request failed unexpectedly");
    let words = visitor.words;
    tell(
        StatusCode::INTERNAL_SERVER_ERROR,
        words.failure_title,
        words.failure_text,
        visitor,
    )
}

/// A page of one heading and one paragraph.
pub fn tell(status: StatusCode, title: &str, text: &str, visitor: &Visitor) -> HttpResponse {
    tell_about(status, title, text, "", visitor)
}

/// [`tell`] with `{email}` in `text` filled in.
pub fn tell_about(
    status: StatusCode,
    title: &str,
    text: &str,
    email: &str,
    visitor: &Visitor,
) -> HttpResponse {
    html(
        status,
        page(visitor.words, title, &paragraph(text, email)),
        None,
    )
}
