//! PostgreSQL stopped and started again under the running service, while sign-ups keep coming.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::cluster::Cluster;
use crate::helpers::{LoggedService, eventually};
use crate::http_client::{request, request_as};

const PASSWORD: &str = "correct horse battery";

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

fn register(port: u16, email: &str) -> std::io::Result<(u16, Value)> {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}","name":"Outage Kim"}}"#);
    request(port, "POST", "/auth/accounts/register", Some(&body)).map(|r| (r.status, json(&r.body)))
}

/// One request of each seed document that needs the store, and the keys of that document's
/// error body.
fn one_request_per_seed(account_id: i64) -> Vec<(&'static str, String, &'static [&'static str])> {
    vec![
        (
            "GET",
            "/auth/accounts/profile".into(),
            &["status", "code", "message", "detail"],
        ),
        (
            "GET",
            format!("/accounts/{account_id}"),
            &["domain", "errorCode", "description"],
        ),
        ("GET", "/api/v1/lux/user/me".into(), &["detail"]),
        ("GET", "/v1/account/info".into(), &["msg"]),
        ("GET", "/user/checkDup/outage".into(), &["code", "message"]),
        (
            "GET",
            "/health/ready".into(),
            &["status", "code", "message"],
        ),
    ]
}

/// Keeps signing up new accounts until told to stop: each address with the status it got
/// (0: no answer at all).
fn sign_ups_until(port: u16, stop: Arc<AtomicBool>) -> thread::JoinHandle<Vec<(String, u16)>> {
    thread::spawn(move || {
        let mut answers = Vec::new();
        let mut n = 0;
        while !stop.load(Ordering::Relaxed) {
            let email = format!("flow-{n}@example.com");
            let status = register(port, &email).map_or(0, |(status, _)| status);
            answers.push((email, status));
            n += 1;
            thread::sleep(Duration::from_millis(50));
        }
        answers
    })
}

#[test]
fn a_postgres_restart_is_answered_503_in_each_seeds_shape_and_recovered_from_by_itself() {
    let cluster = Cluster::start();
    let url = cluster.url();
    let service = LoggedService::start_with_env(
        &[
            ("DATABASE_URL", &url),
            ("ACCOUNT_DB_POOL_WAIT_MS", "1000"),
            // The outbox worker polls through the outage many times; its log says so once.
            ("ACCOUNT_OUTBOX_POLL_MILLIS", "50"),
        ],
        |_| {},
    );
    let port = service.port;
    let (status, created) = register(port, "owner@example.com").expect("register");
    assert_eq!(status, 201, "{created}");
    let account_id = created["id"].as_i64().expect("an id");
    let login = request(
        port,
        "POST",
        "/auth/accounts/login",
        Some(&format!(
            r#"{{"email":"owner@example.com","password":"{PASSWORD}"}}"#
        )),
    )
    .expect("log-in");
    assert_eq!(login.status, 200, "{}", login.body);
    let token = json(&login.body)["accessToken"]
        .as_str()
        .expect("an access token")
        .to_owned();
    let call = |method: &str, path: &str| {
        let started = Instant::now();
        let reply = request_as(port, method, path, None, Some(&token)).expect("an answer");
        (reply.status, json(&reply.body), started.elapsed())
    };

    let stop = Arc::new(AtomicBool::new(false));
    let sign_ups = sign_ups_until(port, stop.clone());
    thread::sleep(Duration::from_millis(500));

    cluster.stop();
    for (method, path, shape) in one_request_per_seed(account_id) {
        let (status, body, took) = call(method, &path);
        assert_eq!(
            status, 503,
            "{method} {path} while PostgreSQL is down: {body}"
        );
        for key in shape {
            assert!(body.get(key).is_some(), "{path}: no `{key}` in {body}");
        }
        assert!(
            took < Duration::from_secs(5),
            "{path} took {took:?}: the wait for a connection is bounded"
        );
    }
    thread::sleep(Duration::from_millis(500));

    cluster.restart();
    let ready = eventually(Duration::from_secs(15), || {
        request(port, "GET", "/health/ready", None).is_ok_and(|r| r.status == 200)
    });
    assert!(
        ready,
        "not ready again after PostgreSQL came back:\n{}",
        service.log()
    );
    for (method, path, _) in one_request_per_seed(account_id) {
        let (status, body, _) = call(method, &path);
        assert_eq!(status, 200, "{method} {path} after the restart: {body}");
    }
    thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::Relaxed);
    let answers = sign_ups.join().expect("the sign-up thread");

    let statuses: Vec<u16> = answers.iter().map(|(_, status)| *status).collect();
    assert!(
        statuses.iter().all(|s| [201, 503].contains(s)),
        "every sign-up is created or refused 503, never lost or failed otherwise: {statuses:?}"
    );
    assert!(
        statuses.contains(&503),
        "some sign-ups met the outage: {statuses:?}"
    );
    assert_eq!(
        statuses.last(),
        Some(&201),
        "sign-ups recovered: {statuses:?}"
    );
    let stored = cluster.query("SELECT email FROM accounts");
    for (email, status) in &answers {
        let kept = stored.lines().any(|line| line == email);
        assert_eq!(
            kept,
            *status == 201,
            "{email} answered {status}, stored: {kept}"
        );
    }
    let log = service.log();
    assert!(!log.contains("panicked"), "{log}");
    assert_eq!(
        log.matches("outbox dispatch failed; further failures are logged")
            .count(),
        1,
        "one line for the outage, not one per poll:\n{log}"
    );
    assert!(
        eventually(Duration::from_secs(5), || service
            .log()
            .contains("outbox dispatch works again")),
        "the recovery is logged:\n{}",
        service.log()
    );
}
