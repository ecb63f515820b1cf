//! More requests than connections, while every connection is stuck: the rest wait for one up to
//! `db_pool_wait_ms`, then get 503, and the service serves again once the connections free up.

use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::cluster::Cluster;
use crate::helpers::{LoggedService, eventually};
use crate::http_client::{request, request_as};

const PASSWORD: &str = "correct horse battery";

#[test]
fn requests_wait_for_a_connection_up_to_the_bound_then_get_503() {
    let cluster = Cluster::start();
    let url = cluster.url();
    let service = LoggedService::start_with_env(
        &[
            ("DATABASE_URL", &url),
            ("ACCOUNT_DB_POOL_SIZE", "2"),
            ("ACCOUNT_DB_POOL_WAIT_MS", "1000"),
        ],
        |_| {},
    );
    let port = service.port;
    let body =
        format!(r#"{{"email":"pool@example.com","password":"{PASSWORD}","name":"Pool Park"}}"#);
    let created = request(port, "POST", "/auth/accounts/register", Some(&body)).expect("register");
    assert_eq!(created.status, 201, "{}", created.body);
    let login = request(port, "POST", "/auth/accounts/login", Some(&body)).expect("log-in");
    assert_eq!(login.status, 200, "{}", login.body);
    let token: Value = serde_json::from_str(&login.body).expect("JSON");
    let token = token["accessToken"].as_str().expect("a token").to_owned();

    // Until the test ends it, every statement on `accounts` waits for this lock, holding its
    // connection.
    let mut holder = cluster
        .session("BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(600);");
    let locked = eventually(Duration::from_secs(10), || {
        cluster
            .query(
                "SELECT count(*) FROM pg_locks \
                 WHERE relation = 'accounts'::regclass AND mode = 'AccessExclusiveLock' AND granted",
            )
            .trim()
            == "1"
    });
    assert!(locked, "the lock was not taken");

    let readers: Vec<_> = (0..6)
        .map(|_| {
            let token = token.clone();
            thread::spawn(move || {
                let started = Instant::now();
                let reply = request_as(port, "GET", "/auth/accounts/profile", None, Some(&token));
                let (status, body) =
                    reply.map_or_else(|e| (0, e.to_string()), |r| (r.status, r.body));
                (status, body, started.elapsed())
            })
        })
        .collect();
    // The readers without a connection are refused after the 1 s wait; then the lock goes.
    thread::sleep(Duration::from_millis(2500));
    cluster.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()",
    );
    let _ = holder.wait();
    let answers: Vec<(u16, String, Duration)> = readers
        .into_iter()
        .map(|reader| reader.join().expect("a reader"))
        .collect();

    let refused: Vec<_> = answers
        .iter()
        .filter(|(status, ..)| *status == 503)
        .collect();
    assert!(
        refused.len() >= 3,
        "two connections serve two requests; the others wait and are refused: {answers:?}"
    );
    for (_, body, took) in &refused {
        let body: Value = serde_json::from_str(body).expect("a JSON error body");
        assert_eq!(body["status"], 503, "{body}");
        assert!(
            *took >= Duration::from_millis(900) && *took < Duration::from_secs(3),
            "refused after the 1 s wait, not at once nor after the lock: {took:?}"
        );
    }
    assert!(
        answers
            .iter()
            .all(|(status, ..)| [200, 503].contains(status)),
        "{answers:?}"
    );
    let after =
        request_as(port, "GET", "/auth/accounts/profile", None, Some(&token)).expect("an answer");
    assert_eq!(after.status, 200, "served again: {}", after.body);
}
