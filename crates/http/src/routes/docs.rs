//! The OpenAPI document at `/openapi.json` and the Scalar UI at `/docs`.

use actix_web::HttpResponse;
use actix_web::http::Method;
use actix_web::mime::APPLICATION_JSON;
use actix_web::web::{self, Bytes, ServiceConfig};
use utoipa::openapi::OpenApi;
use utoipa_scalar::{Scalar, Servable};

pub const OPENAPI_PATH: &str = "/openapi.json";
pub const UI_PATH: &str = "/docs";

pub fn serve(config: &mut ServiceConfig, document: &OpenApi) {
    let json = Bytes::from(document.to_json().unwrap_or_else(|error| {
        tracing::error!(cause = ?error, "the OpenAPI document does not serialize");
        String::from("{}")
    }));
    config.route(
        OPENAPI_PATH,
        web::get().to(move || {
            let json = json.clone();
            async move { HttpResponse::Ok().content_type(APPLICATION_JSON).body(json) }
        }),
    );
    config.service(Scalar::with_url(UI_PATH, document.clone()));
}

/// The documentation routes, which the document does not list itself.
pub fn routes() -> [(String, Vec<Method>); 2] {
    [
        (OPENAPI_PATH.to_owned(), vec![Method::GET]),
        (UI_PATH.to_owned(), vec![Method::GET]),
    ]
}
