//! Bad input on the real binary (SQLite, actix's single-threaded workers): every request gets
//! an answer in the document's shape, none is dropped, none is a 500.

use crate::binary::{free_port, start};
use crate::http_client::{request, request_as};

#[test]
fn authenticated_requests_with_bad_bodies_always_get_a_4xx() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let _service = start(dir.path(), port);
    let registered = request(
        port,
        "POST",
        "/auth/accounts/register",
        Some(
            r#"{"email":"bad@example.com","password":"correct horse battery","name":"Bad Input"}"#,
        ),
    )
    .expect("register");
    assert_eq!(registered.status, 201);
    let login = request(
        port,
        "POST",
        "/auth/accounts/login",
        Some(r#"{"email":"bad@example.com","password":"correct horse battery"}"#),
    )
    .expect("login");
    let value: serde_json::Value = serde_json::from_str(&login.body).expect("json");
    let token = value["accessToken"].as_str().expect("token").to_owned();

    let oversized = format!(r#"{{"first_name":"{}"}}"#, "x".repeat(70 * 1024));
    let cases: [(&str, &str, &str); 5] = [
        (
            "POST",
            "/api/v1/lux/user/push/set-token",
            r#"{"token":123}"#,
        ),
        (
            "PATCH",
            "/api/v1/lux/user/notification",
            r#"{"is_device_muted":"#,
        ),
        (
            "DELETE",
            "/api/v1/lux/user/delete-real-user",
            r#"{"real_user_id": 1, "unique_id": "string",}"#,
        ),
        ("PATCH", "/api/v1/lux/user/root-user", &oversized),
        ("PATCH", "/api/v1/lux/user/real-user/1", r#"{"id": "one"}"#),
    ];
    for round in 0..10 {
        for (method, path, body) in &cases {
            let reply =
                request_as(port, method, path, Some(body), Some(&token)).expect("an answer");
            assert!(
                (400..500).contains(&reply.status),
                "round {round}: {method} {path} answered {} {}",
                reply.status,
                reply.body
            );
        }
    }
}

#[test]
fn a_request_whose_client_went_away_still_completes() {
    use std::io::Write;
    use std::net::TcpStream;

    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let _service = start(dir.path(), port);
    for i in 0..10 {
        let body = format!(
            r#"{{"email":"gone{i}@example.com","password":"correct horse battery","name":"Gone"}}"#
        );
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(
            stream,
            "POST /auth/accounts/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .expect("send");
        drop(stream);
    }
    // The service counts every answered request, also one nobody reads any more.
    let registered =
        r#"http_requests_total{method="POST",route="/auth/accounts/register",status="201"} 10"#;
    let all_answered = crate::helpers::eventually(std::time::Duration::from_secs(30), || {
        request(port, "GET", "/metrics", None).is_ok_and(|r| r.body.contains(registered))
    });
    assert!(all_answered, "the ten registrations were answered");
    for i in 0..10 {
        let body =
            format!(r#"{{"email":"gone{i}@example.com","password":"correct horse battery"}}"#);
        let login = request(port, "POST", "/auth/accounts/login", Some(&body)).expect("login");
        assert_eq!(
            login.status, 200,
            "registration {i} completed: {}",
            login.body
        );
    }
}
