//! Rendering an [`ApiError`] in a seed's own shape.
//!
//! [`ApiError::error_response`] renders the account-management shape and stores the error in
//! the response extensions. A seed module whose document promises another shape wraps its
//! scope in [`RenderErrors`] with its [`ErrorRenderer`], which replaces the body of every error
//! response of that scope. Adding a seed's shape is one file in its seed folder
//! (`seeds/<seed>/error_renderer.rs`): a type implementing [`ErrorRenderer`]. Scopes may nest
//! (one route of a document answering in another protocol's shape): the innermost renderer
//! renders, and the outer ones leave its answer alone.

mod middleware;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};

pub use middleware::RenderErrors;

use super::ApiError;

/// Turns the neutral error into one seed's JSON body. Headers (`Retry-After`) are the same for
/// every seed and set by [`respond`]; so is the status, unless the document's protocol says
/// otherwise ([`ErrorRenderer::status`]).
pub trait ErrorRenderer: 'static {
    fn render(&self, error: &ApiError) -> serde_json::Value;

    /// The status this shape answers `error` with; the error's own by default.
    fn status(&self, error: &ApiError) -> StatusCode {
        error.status
    }
}

/// The error response: status, `Retry-After` when set, the JSON body, and the error itself in
/// the extensions.
pub fn respond(error: &ApiError, body: serde_json::Value) -> HttpResponse {
    let mut builder = HttpResponse::build(error.status);
    if let Some(seconds) = error.retry_after {
        builder.insert_header((header::RETRY_AFTER, HeaderValue::from(seconds)));
    }
    let mut response = builder.json(body);
    response.extensions_mut().insert(error.clone());
    response
}
