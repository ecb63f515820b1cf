//! Headers for an error that no service turned into a response yet: the server renders it
//! later, outside every middleware, so a middleware that sets headers hands it on wrapped, and
//! the headers are set when it is rendered.

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::{Error, HttpResponse, ResponseError};

/// `error`, whose response gets `adjust` applied to its headers when it is rendered.
pub(super) struct WithHeaders<F> {
    error: Error,
    adjust: F,
}

impl<F: Fn(&mut HeaderMap) + 'static> WithHeaders<F> {
    pub(super) fn wrap(error: Error, adjust: F) -> Error {
        Self { error, adjust }.into()
    }
}

impl<F: Fn(&mut HeaderMap)> ResponseError for WithHeaders<F> {
    fn status_code(&self) -> StatusCode {
        self.error.as_response_error().status_code()
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = self.error.error_response();
        (self.adjust)(response.headers_mut());
        response
    }
}

impl<F> fmt::Debug for WithHeaders<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.error, f)
    }
}

impl<F> fmt::Display for WithHeaders<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}
