//! The OpenAPI document at `/openapi.json` and its browsable reference at `/docs`: our own page,
//! with the document inline, run by the Scalar API reference bundle that the service serves
//! itself from [`SCALAR_PATH`] (vendored in `crates/http/assets/`, see its README). The page
//! makes no request outside the service, and its content security policy says so.

use actix_web::HttpResponse;
use actix_web::http::Method;
use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::mime::APPLICATION_JSON;
use actix_web::web::{self, Bytes, ServiceConfig};
use utoipa::openapi::OpenApi;

/// The vendored bundle's file name; its version is in the served path, so it caches for good.
macro_rules! scalar_bundle {
    () => {
        "scalar-api-reference-1.76.0.js"
    };
}

pub const OPENAPI_PATH: &str = "/openapi.json";
pub const UI_PATH: &str = "/docs";
pub const SCALAR_PATH: &str = concat!("/docs/", scalar_bundle!());

const SCALAR_BUNDLE: &[u8] = include_bytes!(concat!("../../assets/", scalar_bundle!()));

/// What the page may load: only its own scripts and the API itself. Styles may be inline
/// because the bundle injects its stylesheet and sets style attributes; fonts and images may be
/// `data:` URLs (the bundle's icons); the default fonts, which the bundle would fetch from its
/// vendor, are switched off in the page's configuration.
pub const UI_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
     connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The bundle's settings: no fonts from its vendor, no telemetry, and none of the vendor's
/// hosted extras (AI agent, MCP, SDK generation, which would send the document to the vendor):
/// the bundle offers them on local addresses only, this keeps the page the same everywhere.
const SCALAR_CONFIGURATION: &str = r#"{"withDefaultFonts":false,"telemetry":false,"showDeveloperTools":"never","agent":{"disabled":true},"mcp":{"disabled":true}}"#;

pub fn serve(config: &mut ServiceConfig, document: &OpenApi) {
    let json = crate::openapi::to_json(document)
        .map(|json| json.to_string())
        .unwrap_or_else(|error| {
            tracing::error!(cause = ?error, "the OpenAPI document does not serialize");
            String::from("{}")
        });
    let page = Bytes::from(ui_page(&json));
    let json = Bytes::from(json);
    config
        .route(
            OPENAPI_PATH,
            web::get().to(move || {
                let json = json.clone();
                async move { HttpResponse::Ok().content_type(APPLICATION_JSON).body(json) }
            }),
        )
        .route(
            UI_PATH,
            web::get().to(move || {
                let page = page.clone();
                async move {
                    HttpResponse::Ok()
                        .content_type("text/html; charset=utf-8")
                        .insert_header((
                            header::CONTENT_SECURITY_POLICY,
                            UI_CONTENT_SECURITY_POLICY,
                        ))
                        .body(page)
                }
            }),
        )
        .route(
            SCALAR_PATH,
            web::get().to(|| async {
                HttpResponse::Ok()
                    .content_type("text/javascript; charset=utf-8")
                    .insert_header(CacheControl(vec![
                        CacheDirective::Public,
                        CacheDirective::MaxAge(31_536_000),
                        CacheDirective::Extension("immutable".to_owned(), None),
                    ]))
                    .body(SCALAR_BUNDLE)
            }),
        );
}

/// The page: the document as an inline JSON data block (never executed, so the policy allows
/// it; `<` is escaped so that it cannot close the element), then the bundle, which finds the
/// `api-reference` element and renders the document.
fn ui_page(json: &str) -> String {
    let json = json.replace('<', "\\u003c");
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Account service API</title>\n</head>\n<body>\n\
         <script id=\"api-reference\" type=\"application/json\" \
         data-configuration='{SCALAR_CONFIGURATION}'>{json}</script>\n\
         <script src=\"{SCALAR_PATH}\"></script>\n</body>\n</html>\n"
    )
}

/// The documentation routes, which the document does not list itself.
pub fn routes() -> [(String, Vec<Method>); 3] {
    [
        (OPENAPI_PATH.to_owned(), vec![Method::GET]),
        (UI_PATH.to_owned(), vec![Method::GET]),
        (SCALAR_PATH.to_owned(), vec![Method::GET]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inline_document_cannot_close_its_element() {
        let page = ui_page(r#"{"description":"</script><script>alert(1)</script>"}"#);

        assert_eq!(page.matches("</script>").count(), 2);
        assert!(page.contains(r#""\u003c/script>\u003cscript>alert(1)\u003c/script>""#));
    }
}
