//! `/metrics` on the real binary (development: open): requests by route template, log-ins by
//! outcome, the outbox, the database pool and the password-hash queue.

use crate::helpers::{LoggedService, eventually};
use crate::http_client::request;

fn value_of(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
}

#[test]
fn metrics_count_requests_log_ins_and_read_the_pools() {
    let service = LoggedService::start(|_| {});
    let port = service.port;
    let wrong = r#"{"email":"nobody@example.com","password":"not the password"}"#;
    let refused = request(port, "POST", "/auth/accounts/login", Some(wrong)).expect("answers");
    assert_eq!(refused.status, 401);
    let profile = request(port, "GET", "/accounts/12345", None).expect("answers");
    assert_eq!(profile.status, 401);

    let mut text = String::new();
    let scraped = eventually(std::time::Duration::from_secs(10), || {
        let reply = request(port, "GET", "/metrics", None).expect("answers");
        assert_eq!(reply.status, 200, "{}", reply.body);
        text = reply.body;
        text.contains("outbox_messages{")
    });
    assert!(scraped, "the outbox gauges appear: {text}");

    assert_eq!(
        value_of(&text, r#"logins_total{outcome="invalid"}"#),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        value_of(&text, r#"logins_total{outcome="succeeded"}"#),
        Some(0.0)
    );
    assert_eq!(
        value_of(
            &text,
            r#"http_requests_total{method="POST",route="/auth/accounts/login",status="401"}"#
        ),
        Some(1.0),
        "{text}"
    );
    assert!(
        text.contains(r#"route="/accounts/{accountId}""#),
        "the route template, never the raw path: {text}"
    );
    assert!(!text.contains("/accounts/12345"));
    assert!(text.contains("http_request_duration_seconds_bucket{"));
    assert_eq!(
        value_of(&text, r#"outbox_messages{channel="email",state="dead"}"#),
        Some(0.0)
    );
    assert!(value_of(&text, r#"db_pool_connections{state="open"}"#).is_some_and(|n| n >= 1.0));
    assert_eq!(value_of(&text, "password_hash_queue_depth"), Some(0.0));
}
