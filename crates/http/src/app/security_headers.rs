//! The headers every response carries, whatever answered it (a handler, an extractor's error,
//! the 404/405 fallback, an error raised by a middleware): `X-Content-Type-Options: nosniff`,
//! and `Cache-Control: no-store` unless the response chose its own caching. A request that
//! carried an `Authorization` header always gets `no-store`, whatever the response chose:
//! nothing an authenticated caller receives may be kept by a cache (ASVS 14.3.2, 3.4.4).
//! A response without a content security policy of its own (every API answer; `/docs` sets
//! its own) gets one that allows nothing: a JSON answer opened in a browser runs no script and
//! cannot be framed (ASVS 3.4.3).

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::middleware::Next;

use super::deferred_headers::WithHeaders;

/// Middleware function, for `.wrap(actix_web::middleware::from_fn(security_headers))`.
pub async fn security_headers(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let authenticated = request.headers().contains_key(header::AUTHORIZATION);
    match next.call(request).await {
        Ok(mut response) => {
            secure(response.headers_mut(), authenticated);
            Ok(response)
        }
        Err(error) => Err(WithHeaders::wrap(error, move |headers| {
            secure(headers, authenticated)
        })),
    }
}

fn secure(headers: &mut HeaderMap, authenticated: bool) {
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if authenticated || !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(API_POLICY),
        );
    }
}

/// The policy of every answer that chose none: nothing may load, run or frame it.
const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    use actix_web::body::BoxBody;
    use actix_web::http::StatusCode;
    use actix_web::middleware::from_fn;
    use actix_web::{App, HttpResponse, test, web};

    use super::*;

    async fn cached() -> HttpResponse {
        HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
            .finish()
    }

    /// A middleware that fails instead of answering: its error is no response yet.
    async fn refuse(
        _: ServiceRequest,
        _: Next<impl MessageBody>,
    ) -> Result<ServiceResponse<BoxBody>, Error> {
        Err(actix_web::error::ErrorBadRequest("no"))
    }

    async fn headers_of(request: test::TestRequest) -> (StatusCode, HeaderMap) {
        let app = test::init_service(
            App::new().service(
                web::scope("")
                    .service(
                        web::scope("/refused")
                            .wrap(from_fn(refuse))
                            .route("", web::get().to(cached)),
                    )
                    .route("/cached", web::get().to(cached))
                    .wrap(from_fn(security_headers)),
            ),
        )
        .await;
        match test::try_call_service(&app, request.to_request()).await {
            Ok(response) => (response.status(), response.headers().clone()),
            Err(error) => {
                let response = error.error_response();
                (response.status(), response.headers().clone())
            }
        }
    }

    fn header_of(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
        headers.get(name).and_then(|v| v.to_str().ok())
    }

    #[actix_web::test]
    async fn keeps_the_caching_a_response_chose_for_anonymous_requests() {
        let (_, headers) = headers_of(test::TestRequest::get().uri("/cached")).await;

        assert_eq!(
            header_of(&headers, header::CACHE_CONTROL),
            Some("public, max-age=60")
        );
        assert_eq!(
            header_of(&headers, header::X_CONTENT_TYPE_OPTIONS),
            Some("nosniff")
        );
        assert_eq!(
            header_of(&headers, header::CONTENT_SECURITY_POLICY),
            Some("default-src 'none'; frame-ancestors 'none'")
        );
    }

    #[actix_web::test]
    async fn keeps_a_policy_the_response_chose() {
        async fn own_policy() -> HttpResponse {
            HttpResponse::Ok()
                .insert_header((header::CONTENT_SECURITY_POLICY, "default-src 'self'"))
                .finish()
        }
        let app = test::init_service(
            App::new().service(
                web::scope("")
                    .route("/page", web::get().to(own_policy))
                    .wrap(from_fn(security_headers)),
            ),
        )
        .await;
        let response =
            test::call_service(&app, test::TestRequest::get().uri("/page").to_request()).await;
        assert_eq!(
            header_of(response.headers(), header::CONTENT_SECURITY_POLICY),
            Some("default-src 'self'")
        );
    }

    #[actix_web::test]
    async fn authenticated_requests_always_get_no_store() {
        let request = test::TestRequest::get()
            .uri("/cached")
            .insert_header((header::AUTHORIZATION, "Bearer x"));

        let (_, headers) = headers_of(request).await;

        assert_eq!(header_of(&headers, header::CACHE_CONTROL), Some("no-store"));
    }

    #[actix_web::test]
    async fn errors_raised_before_any_response_get_the_headers_too() {
        let (status, headers) = headers_of(test::TestRequest::get().uri("/refused")).await;

        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(header_of(&headers, header::CACHE_CONTROL), Some("no-store"));
        assert_eq!(
            header_of(&headers, header::X_CONTENT_TYPE_OPTIONS),
            Some("nosniff")
        );
    }
}
