//! Two service processes on one PostgreSQL database are one service (operators run several
//! behind a load balancer): what one instance starts, the other finishes or refuses exactly as
//! the first would, and shared work (throttling, the outbox, device claims) is done once.

use std::thread;

use account_test_support::TestDatabase;
use serde_json::Value;

use crate::helpers::{LoggedService, eventually};
use crate::http_client::{request, request_as};

const PASSWORD: &str = "correct horse battery";

/// Two instances of the real binary over one fresh database, with the keys an operator gives
/// every instance (no generated per-instance keys).
struct TwoInstances {
    a: LoggedService,
    b: LoggedService,
    database: TestDatabase,
}

impl TwoInstances {
    fn start() -> Self {
        let database = TestDatabase::create();
        let env = [
            ("DATABASE_URL", database.url()),
            (
                "ACCOUNT_JWT_SECRET",
                "instances-jwt-key-instances-jwt-key-0123",
            ),
            (
                "ACCOUNT_DIGEST_SECRET",
                "instances-digest-key-instances-digest-01",
            ),
            (
                "ACCOUNT_OUTBOX_KEY",
                "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=",
            ),
        ];
        let a = LoggedService::start_with_env(&env, |_| {});
        let b = LoggedService::start_with_env(&env, |_| {});
        Self { a, b, database }
    }

    /// Both instances' dev outbox files, each message with the instance that delivered it.
    fn delivered(&self) -> Vec<(char, Value)> {
        let from_a = self.a.outbox().into_iter().map(|m| ('a', m));
        from_a
            .chain(self.b.outbox().into_iter().map(|m| ('b', m)))
            .collect()
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

fn register(port: u16, email: &str) {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}","name":"Twin"}}"#);
    let reply = request(port, "POST", "/auth/accounts/register", Some(&body)).expect("register");
    assert_eq!(reply.status, 201, "{}", reply.body);
}

fn log_in(port: u16, email: &str, password: &str) -> (u16, Value) {
    let body = format!(r#"{{"email":"{email}","password":"{password}"}}"#);
    let reply = request(port, "POST", "/auth/accounts/login", Some(&body)).expect("log-in");
    (reply.status, json(&reply.body))
}

fn refresh(port: u16, token: &str) -> (u16, Value) {
    let body = format!(r#"{{"refreshToken":"{token}"}}"#);
    let reply = request(port, "POST", "/auth/accounts/refresh", Some(&body)).expect("refresh");
    (reply.status, json(&reply.body))
}

fn text(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_owned()
}

#[test]
fn two_instances_on_one_database_act_as_one_service() {
    let twins = TwoInstances::start();
    let (a, b) = (twins.a.port, twins.b.port);

    // A code sent through one instance is accepted by the other; every message is delivered
    // by exactly one of them.
    register(a, "twin@example.com");
    let ask = r#"{"email":"twin@example.com"}"#;
    let asked = request(a, "POST", "/auth/accounts/email/code", Some(ask)).expect("ask on a");
    assert!((200..300).contains(&asked.status), "{}", asked.body);
    let mut code = None;
    let arrived = eventually(std::time::Duration::from_secs(20), || {
        code = twins
            .delivered()
            .iter()
            .filter(|(_, m)| m["recipient"] == "twin@example.com")
            .find_map(|(_, m)| m["params"]["code"].as_str().map(str::to_owned));
        code.is_some()
    });
    assert!(
        arrived,
        "no instance delivered the code: {:?}",
        twins.delivered()
    );
    thread::sleep(std::time::Duration::from_secs(3));
    let delivered = twins.delivered();
    let mut keys: Vec<&str> = delivered
        .iter()
        .map(|(_, m)| m["key"].as_str().expect("an idempotency key"))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(
        keys.len(),
        delivered.len(),
        "delivered twice: {delivered:?}"
    );
    let confirm = format!(
        r#"{{"email":"twin@example.com","code":"{}"}}"#,
        code.expect("a code")
    );
    let confirmed =
        request(b, "POST", "/auth/accounts/email/verify", Some(&confirm)).expect("confirm on b");
    assert!(
        (200..300).contains(&confirmed.status),
        "the code sent through a was refused by b: {} {}",
        confirmed.status,
        confirmed.body
    );

    // A refresh token rotated on one instance (and its successor spent, so no grace window
    // applies) is refused on the other, and its whole family ends.
    let (status, tokens) = log_in(a, "twin@example.com", PASSWORD);
    assert_eq!(status, 200, "{tokens}");
    let first = text(&tokens, "refreshToken");
    let (status, second) = refresh(a, &first);
    assert_eq!(status, 200, "{second}");
    let (status, third) = refresh(b, &text(&second, "refreshToken"));
    assert_eq!(status, 200, "b refused a successor a had issued: {third}");
    let (status, reused) = refresh(b, &first);
    assert_eq!(status, 401, "b accepted a token a had rotated: {reused}");
    let (status, latest) = refresh(a, &text(&third, "refreshToken"));
    assert_eq!(status, 401, "the family survived a reuse: {latest}");

    // Failed log-ins count across both instances: five wrong passwords spread over both,
    // then the account's budget is spent on either.
    for port in [a, b, a, b, a] {
        let (status, body) = log_in(port, "twin@example.com", "wrong password");
        assert_eq!(status, 401, "{body}");
    }
    for port in [b, a] {
        let (status, body) = log_in(port, "twin@example.com", PASSWORD);
        assert_eq!(
            status, 429,
            "the budget did not hold across instances: {body}"
        );
    }

    // A device claimed through one instance cannot be claimed through the other, even when
    // both claims arrive together.
    provision_device(&twins.database, "SL20401000", "41AD", "twin-unique");
    let parents: Vec<String> = ["first@example.com", "second@example.com"]
        .iter()
        .map(|email| {
            register(a, email);
            text(&log_in(b, email, PASSWORD).1, "accessToken")
        })
        .collect();
    let claims: Vec<_> = [(a, parents[0].clone()), (b, parents[1].clone())]
        .into_iter()
        .map(|(port, token)| {
            thread::spawn(move || {
                let child = r#"{"first_name":"test","last_name":"kim","birthdate":"20150101","gender":"F","serial_code":"SL20401000","mac_id":"41AD","unique_id":"twin-unique"}"#;
                request_as(
                    port,
                    "POST",
                    "/api/v1/lux/user/create-real-user",
                    Some(child),
                    Some(&token),
                )
                .expect("claim")
            })
        })
        .collect();
    let answers: Vec<_> = claims
        .into_iter()
        .map(|claim| claim.join().expect("claim thread"))
        .collect();
    let won: Vec<_> = answers.iter().filter(|r| r.status == 200).collect();
    assert_eq!(
        won.len(),
        1,
        "{:?}",
        answers
            .iter()
            .map(|r| (r.status, r.body.clone()))
            .collect::<Vec<_>>()
    );
    let lost = answers.iter().find(|r| r.status != 200).expect("a refusal");
    assert!(
        (400..500).contains(&lost.status),
        "{} {}",
        lost.status,
        lost.body
    );
}

/// Adds a device through the operator command, against the shared database.
fn provision_device(database: &TestDatabase, serial: &str, mac: &str, unique: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("devices.csv"),
        format!("serial_code,mac_id,unique_id\n{serial},{mac},{unique}\n"),
    )
    .expect("write csv");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_account-service"))
        .current_dir(dir.path())
        .env_clear()
        .env("DATABASE_URL", database.url())
        .env("RUST_LOG", "warn")
        .args(["provision-devices", "devices.csv"])
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
