//! A page as an HTTP answer: HTML that no cache keeps, that sends no referrer (the link's
//! token is in the page's address), under the pages' content security policy, and with the
//! form-token cookie when the page holds a form.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};

use super::layout::CONTENT_SECURITY_POLICY;

pub fn html(status: StatusCode, page: String, form_cookie: Option<HeaderValue>) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    response
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .insert_header((header::X_FRAME_OPTIONS, "DENY"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY.as_str(),
        ));
    if let Some(cookie) = form_cookie {
        response.insert_header((header::SET_COOKIE, cookie));
    }
    response.body(page)
}
