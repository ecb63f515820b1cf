use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;

use actix_web::Error;
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::header::{self, HeaderValue};
use actix_web::mime::APPLICATION_JSON;

use super::ErrorRenderer;
use crate::errors::ApiError;

/// Middleware that re-renders every [`ApiError`] response of the wrapped scope with `R`,
/// keeping its headers and (unless `R` says otherwise) its status. The error is taken out of
/// the response once rendered, so a renderer around this one leaves the answer as it is.
pub struct RenderErrors<R> {
    renderer: Rc<R>,
}

impl<R: ErrorRenderer> RenderErrors<R> {
    pub fn new(renderer: R) -> Self {
        Self {
            renderer: Rc::new(renderer),
        }
    }
}

impl<S, B, R> Transform<S, ServiceRequest> for RenderErrors<R>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
    R: ErrorRenderer,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = RenderErrorsService<S, R>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RenderErrorsService {
            service,
            renderer: Rc::clone(&self.renderer),
        }))
    }
}

pub struct RenderErrorsService<S, R> {
    service: S,
    renderer: Rc<R>,
}

impl<S, B, R> Service<ServiceRequest> for RenderErrorsService<S, R>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
    R: ErrorRenderer,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let response = self.service.call(request);
        let renderer = Rc::clone(&self.renderer);
        Box::pin(async move { Ok(rerender(response.await?, renderer.as_ref())) })
    }
}

fn rerender<B: MessageBody + 'static>(
    mut response: ServiceResponse<B>,
    renderer: &impl ErrorRenderer,
) -> ServiceResponse<EitherBody<B>> {
    let error = response
        .response_mut()
        .extensions_mut()
        .remove::<ApiError>();
    let Some(error) = error else {
        return response.map_into_left_body();
    };
    let body = renderer.render(&error).to_string();
    let status = renderer.status(&error);
    response.map_body(|head, _| {
        head.status = status;
        head.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(APPLICATION_JSON.as_ref()),
        );
        EitherBody::right(BoxBody::new(body))
    })
}

#[cfg(test)]
mod tests {
    use actix_web::http::StatusCode;
    use actix_web::{App, HttpResponse, test, web};
    use serde_json::json;

    use super::*;
    use crate::errors::ApiErrorKind;

    struct DetailOnly;

    impl ErrorRenderer for DetailOnly {
        fn render(&self, error: &ApiError) -> serde_json::Value {
            json!({ "detail": error.message })
        }
    }

    async fn throttled() -> Result<HttpResponse, ApiError> {
        Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ApiErrorKind::TooManyRequests,
            "Slow down",
        )
        .with_retry_after(7))
    }

    async fn fine() -> HttpResponse {
        HttpResponse::Ok().json(json!({"ok": true}))
    }

    #[actix_web::test]
    async fn rerenders_errors_keeping_status_and_retry_after() {
        let app = test::init_service(
            App::new().service(
                web::scope("/x")
                    .wrap(RenderErrors::new(DetailOnly))
                    .route("/e", web::get().to(throttled)),
            ),
        )
        .await;
        let response =
            test::call_service(&app, test::TestRequest::get().uri("/x/e").to_request()).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            response
                .headers()
                .get(header::RETRY_AFTER)
                .map(|v| v.as_bytes()),
            Some(&b"7"[..])
        );
        assert_eq!(
            response
                .headers()
                .get(header::CONTENT_TYPE)
                .map(|v| v.as_bytes()),
            Some(&b"application/json"[..])
        );
        let body: serde_json::Value = test::read_body_json(response).await;
        assert_eq!(body, json!({"detail": "Slow down"}));
    }

    struct Teapot;

    impl ErrorRenderer for Teapot {
        fn render(&self, error: &ApiError) -> serde_json::Value {
            json!({ "tea": error.message })
        }

        fn status(&self, _: &ApiError) -> StatusCode {
            StatusCode::IM_A_TEAPOT
        }
    }

    #[actix_web::test]
    async fn the_innermost_renderer_renders_with_its_status() {
        let app = test::init_service(
            App::new().service(
                web::scope("/x")
                    .service(
                        web::scope("/in")
                            .wrap(RenderErrors::new(Teapot))
                            .route("/e", web::get().to(throttled)),
                    )
                    .wrap(RenderErrors::new(DetailOnly)),
            ),
        )
        .await;
        let response =
            test::call_service(&app, test::TestRequest::get().uri("/x/in/e").to_request()).await;
        assert_eq!(response.status(), StatusCode::IM_A_TEAPOT);
        let body: serde_json::Value = test::read_body_json(response).await;
        assert_eq!(body, json!({"tea": "Slow down"}));
    }

    #[actix_web::test]
    async fn leaves_other_responses_alone() {
        let app = test::init_service(
            App::new().service(
                web::scope("/x")
                    .wrap(RenderErrors::new(DetailOnly))
                    .route("/ok", web::get().to(fine)),
            ),
        )
        .await;
        let response =
            test::call_service(&app, test::TestRequest::get().uri("/x/ok").to_request()).await;
        assert_eq!(response.status(), StatusCode::OK);
        let body: serde_json::Value = test::read_body_json(response).await;
        assert_eq!(body, json!({"ok": true}));
    }
}
