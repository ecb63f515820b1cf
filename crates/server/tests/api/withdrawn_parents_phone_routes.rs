//! The Lux phone routes after the parent withdrew, on both stores: the withdrawn account's token
//! is answered 403 `User previously deleted` (the Lux document's words there), not a 401.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use crate::fixtures::{signed_up, withdrawn};
use crate::helpers::{Backend, TestApp, http, send, with_bearer};

async fn a_withdrawn_parent_may_not_text_or_change_a_phone(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let parent = signed_up(&app, "withdrawn@example.com").await;
    let lux = |request: TestRequest, path: &str| {
        with_bearer(request.uri(&format!("/api/v1/lux{path}")), &parent.token)
    };
    withdrawn(&app, &parent).await;

    let text =
        lux(TestRequest::post(), "/user/send-sms").set_json(json!({"phone": "+821012345678"}));
    let change = lux(TestRequest::post(), "/user/change-phone")
        .set_json(json!({"phone": "+821012345678", "validnum": "123456"}));
    for request in [text, change] {
        let reply = send(&app, request).await;
        assert_eq!(
            (reply.status, reply.body),
            (
                StatusCode::FORBIDDEN,
                json!({"detail": "User previously deleted"})
            )
        );
    }
}

crate::on_both_stores!(a_withdrawn_parent_may_not_text_or_change_a_phone);
