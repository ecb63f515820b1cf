//! Who may read `/metrics`, on the wired service: with a metrics token set, a request without
//! it is 401; in production without a token, the metrics are not exposed (404).

use account_server::config::Environment;
use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use crate::helpers::{Backend, TestApp, http, send};

fn am_error(status: u16, error: &str, message: &str) -> serde_json::Value {
    json!({"status": status, "code": u32::from(status) * 100, "error": error,
           "message": message, "detail": ""})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_want_their_token_and_stay_closed_in_production_without_one() {
    let guarded = TestApp::with_config(Backend::Sqlite, |config| {
        config.metrics_token = Some("scrape-secret-token".to_owned());
    })
    .await;
    let app = http(&guarded.services, &guarded.config).await;
    let anonymous = send(&app, TestRequest::get().uri("/metrics")).await;
    assert_eq!(
        (anonymous.status, anonymous.body),
        (
            StatusCode::UNAUTHORIZED,
            am_error(401, "unauthorized", "Unauthorized")
        )
    );

    let closed = TestApp::with_config(Backend::Sqlite, |config| {
        config.environment = Environment::Production;
    })
    .await;
    let app = http(&closed.services, &closed.config).await;
    let hidden = send(&app, TestRequest::get().uri("/metrics")).await;
    assert_eq!(
        (hidden.status, hidden.body),
        (
            StatusCode::NOT_FOUND,
            am_error(404, "not_found", "Not Found")
        )
    );
}
