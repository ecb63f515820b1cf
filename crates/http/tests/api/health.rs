use account_domain::UnexpectedError;
use actix_web::http::StatusCode;
use serde_json::json;

use crate::support::{Mocks, generic_error, get, send, start};

#[actix_web::test]
async fn live_is_ok_without_touching_the_store() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, get("/health/live")).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json, json!({"status": "ok"}));
}

#[actix_web::test]
async fn ready_is_ok_when_the_store_answers() {
    let mut mocks = Mocks::new();
    mocks.health.expect_ping().times(1).returning(|| Ok(()));
    let app = start(mocks).await;

    let reply = send(&app, get("/health/ready")).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json, json!({"status": "ok"}));
}

#[actix_web::test]
async fn ready_is_503_when_the_store_does_not_answer() {
    let mut mocks = Mocks::new();
    mocks
        .health
        .expect_ping()
        .returning(|| Err(UnexpectedError::new("pool timed out")));
    let app = start(mocks).await;

    let reply = send(&app, get("/health/ready")).await;

    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        reply.json,
        generic_error(503, "store_unavailable", "Service Unavailable")
    );
}
