//! The account-management routes that take an id or a confirmation, on both stores: a session
//! id that is no integer is 400, one that is no active session of the caller 404; deleting the
//! account without its email and password is 400, naming both.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use crate::fixtures::signed_up;
use crate::helpers::{Backend, TestApp, http, send, with_bearer};

async fn malformed_and_unknown_session_ids_and_a_bare_deletion(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let caller = signed_up(&app, "sessions@example.com").await;
    let call = |request: TestRequest| send(&app, with_bearer(request, &caller.token));

    let malformed = call(TestRequest::delete().uri("/auth/accounts/sessions/abc")).await;
    assert_eq!(
        (malformed.status, malformed.body),
        (
            StatusCode::BAD_REQUEST,
            json!({"status": 400, "code": 40000, "message": "Session id must be an integer",
                   "detail": "", "invalidFields": ["id"]})
        )
    );
    let unknown = call(TestRequest::delete().uri("/auth/accounts/sessions/999999")).await;
    assert_eq!(
        (unknown.status, unknown.body),
        (
            StatusCode::NOT_FOUND,
            json!({"status": 404, "code": 40400, "message": "Session not found", "detail": ""})
        )
    );
    let bare = call(
        TestRequest::delete()
            .uri("/auth/accounts")
            .set_json(json!({})),
    )
    .await;
    assert_eq!(
        (bare.status, bare.body),
        (
            StatusCode::BAD_REQUEST,
            json!({"status": 400, "code": 40000, "detail": "",
                   "message": "Email is required; password is required",
                   "invalidFields": ["email", "password"]})
        )
    );
}

crate::on_both_stores!(malformed_and_unknown_session_ids_and_a_bare_deletion);
