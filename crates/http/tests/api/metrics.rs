//! `/metrics`: who may read it, and what every response carries for it (its request id).

use std::sync::Arc;

use account_http::HttpSettings;
use account_http::metrics::{MetricsAccess, MetricsExposition};
use actix_web::http::StatusCode;

use crate::support::{Mocks, get, send, start_with};

struct Fixed;

impl MetricsExposition for Fixed {
    fn render(&self) -> String {
        "# TYPE up gauge\nup 1\n".into()
    }
}

fn with_metrics() -> Mocks {
    Mocks {
        metrics: Some(Arc::new(Fixed)),
        ..Mocks::new()
    }
}

fn settings(access: MetricsAccess) -> HttpSettings {
    HttpSettings {
        metrics_access: access,
        ..HttpSettings::default()
    }
}

#[actix_web::test]
async fn a_scraper_with_the_token_reads_the_text_format() {
    let token = MetricsAccess::Token("scrape-0123456789abcdef".into());
    let app = start_with(with_metrics(), settings(token)).await;

    let read = send(
        &app,
        get("/metrics").insert_header(("Authorization", "Bearer scrape-0123456789abcdef")),
    )
    .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.text, "# TYPE up gauge\nup 1\n");
    assert!(
        read.header("content-type")
            .is_some_and(|t| t.starts_with("text/plain; version=0.0.4"))
    );

    for presented in [None, Some("Bearer wrong"), Some("scrape-0123456789abcdef")] {
        let mut request = get("/metrics");
        if let Some(value) = presented {
            request = request.insert_header(("Authorization", value));
        }
        let refused = send(&app, request).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{presented:?}");
        assert!(!refused.text.contains("up 1"));
    }
}

#[actix_web::test]
async fn metrics_are_absent_when_closed_or_not_wired() {
    let closed = start_with(with_metrics(), settings(MetricsAccess::Closed)).await;
    assert_eq!(
        send(&closed, get("/metrics")).await.status,
        StatusCode::NOT_FOUND
    );
    let unwired = start_with(Mocks::new(), settings(MetricsAccess::Open)).await;
    assert_eq!(
        send(&unwired, get("/metrics")).await.status,
        StatusCode::NOT_FOUND
    );
    let open = start_with(with_metrics(), settings(MetricsAccess::Open)).await;
    assert_eq!(send(&open, get("/metrics")).await.status, StatusCode::OK);
}

#[actix_web::test]
async fn every_answer_carries_a_request_id() {
    let app = start_with(Mocks::new(), HttpSettings::default()).await;
    let kept = send(
        &app,
        get("/health/live").insert_header(("X-Request-Id", "edge-123")),
    )
    .await;
    assert_eq!(kept.header("x-request-id"), Some("edge-123"));
    let unknown = send(&app, get("/no/such/route")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.header("x-request-id").map(str::len), Some(32));
}
