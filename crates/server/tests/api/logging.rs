//! Request ids and the JSON log format, on the real binary: the caller's `X-Request-Id` (or a
//! new one) is echoed and is on every line written while serving that request.

use serde_json::Value;

use crate::helpers::LoggedService;
use crate::http_client::request_with;

fn lines_of(log: &str) -> Vec<Value> {
    log.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|_| panic!("not a JSON line: {line}"))
        })
        .collect()
}

fn lines_of_request<'a>(lines: &'a [Value], id: &str) -> Vec<&'a Value> {
    lines
        .iter()
        .filter(|line| line["span"]["id"] == id)
        .collect()
}

#[test]
fn every_line_is_json_and_carries_the_id_of_its_request() {
    let service = LoggedService::start_with_env(&[("ACCOUNT_LOG_FORMAT", "json")], |_| {});
    let port = service.port;
    let wrong = r#"{"email":"nobody@example.com","password":"not the password"}"#;

    let refused = request_with(
        port,
        "POST",
        "/auth/accounts/login",
        Some(wrong),
        &[("X-Request-Id", "login-attempt.7")],
    )
    .expect("the service answers");
    assert_eq!(refused.status, 401, "{}", refused.body);
    assert_eq!(refused.header("x-request-id"), Some("login-attempt.7"));

    // An id that is not plain enough to log is replaced by a new one.
    let replaced = request_with(
        port,
        "GET",
        "/health/live",
        None,
        &[("X-Request-Id", "two words")],
    )
    .expect("the service answers");
    let generated = replaced.header("x-request-id").expect("an id").to_owned();
    assert_eq!(generated.len(), 32, "{generated}");
    assert!(generated.chars().all(|c| c.is_ascii_hexdigit()));
    let fresh = request_with(port, "GET", "/health/live", None, &[]).expect("answers");
    let other = fresh.header("x-request-id").expect("an id");
    assert_ne!(other, generated, "each request gets its own id");

    let lines = lines_of(&service.stop());
    let login = lines_of_request(&lines, "login-attempt.7");
    assert!(
        login.iter().any(|line| line["event"] == "login_failed"),
        "the security event is logged within the request: {login:#?}"
    );
    let served = login
        .iter()
        .find(|line| line["message"] == "served")
        .unwrap_or_else(|| panic!("a served line: {login:#?}"));
    assert_eq!(served["status"], 401);
    assert_eq!(served["span"]["method"], "POST");
    assert_eq!(served["span"]["path"], "/auth/accounts/login");
    assert_eq!(lines_of_request(&lines, &generated).len(), 1);
    assert!(
        lines.iter().any(|line| line["message"] == "starting"),
        "start-up lines are JSON too"
    );
}
