//! Clients that reset their connection while a write is in flight, on the real binary (SQLite,
//! actix's single-threaded workers): actix drops the request's future, and the store must not
//! care (nothing panics, the service keeps answering, finished writes are kept).

use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use socket2::SockRef;

use crate::binary::{free_port, start_logging_to};
use crate::http_client::{request, request_as};

/// Sends a whole request, waits `after`, then resets the connection (RST, not FIN).
fn send_then_reset(port: u16, method: &str, path: &str, body: &str, token: &str, after: Duration) {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut stream) = TcpStream::connect(address) else {
        return;
    };
    let _ = write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    std::thread::sleep(after);
    let _ = SockRef::from(&stream).set_linger(Some(Duration::ZERO));
    drop(stream);
}

fn log_in(port: u16, email: &str) -> String {
    let register =
        format!(r#"{{"email":"{email}","password":"correct horse battery","name":"Re Set"}}"#);
    let registered =
        request(port, "POST", "/auth/accounts/register", Some(&register)).expect("register");
    assert_eq!(registered.status, 201, "{}", registered.body);
    let login = format!(r#"{{"email":"{email}","password":"correct horse battery"}}"#);
    let reply = request(port, "POST", "/auth/accounts/login", Some(&login)).expect("login");
    let value: serde_json::Value = serde_json::from_str(&reply.body).expect("json");
    value["accessToken"]
        .as_str()
        .expect("an access token")
        .to_owned()
}

#[test]
fn resetting_connections_mid_write_panics_nothing_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("service.log");
    let port = free_port();
    let service = start_logging_to(dir.path(), port, &log);
    let token = log_in(port, "reset@example.com");

    let writes: [(&str, &str, &str); 4] = [
        (
            "PATCH",
            "/api/v1/lux/user/notification",
            r#"{"is_device_muted":true,"is_device_alim_talk_enabled":false,"is_basestation_alert_enabled":true}"#,
        ),
        (
            "PATCH",
            "/api/v1/lux/user/policy",
            r#"{"is_push_agree":true,"is_marketing_agree":false}"#,
        ),
        (
            "PATCH",
            "/api/v1/lux/user/root-user",
            r#"{"first_name":"Gil","last_name":"Hong"}"#,
        ),
        (
            "POST",
            "/auth/accounts/email/code",
            r#"{"email":"reset@example.com"}"#,
        ),
    ];
    for round in 0..40_u64 {
        for (method, path, body) in &writes {
            let after = Duration::from_micros(round * 50);
            send_then_reset(port, method, path, body, &token, after);
        }
    }
    std::thread::sleep(Duration::from_millis(500));

    let me = request_as(port, "GET", "/api/v1/lux/user/me", None, Some(&token)).expect("me");
    assert_eq!(me.status, 200, "the service still answers: {}", me.body);
    let value: serde_json::Value = serde_json::from_str(&me.body).expect("json");
    assert_eq!(
        value["first_name"], "Gil",
        "a write whose client went away is kept: {value}"
    );
    drop(service);
    let printed = std::fs::read_to_string(&log).expect("the service log");
    assert!(
        !printed.contains("panicked"),
        "the service panicked:\n{printed}"
    );
}
