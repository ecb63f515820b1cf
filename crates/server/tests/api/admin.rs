//! Account administration on the real binary: the operator makes the first ADMIN, who finds
//! a deleted account, restores it within the retention period, bans and un-bans it; the audit
//! log tells each step, who did it and from where.

use serde_json::Value;

use crate::binary::{free_port, operator, start};
use crate::http_client::{request, request_as};

const PASSWORD: &str = "correct horse battery";

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("JSON: {body}"))
}

/// Registers `email`; returns its account id.
fn register(port: u16, email: &str) -> i64 {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}","name":"Someone"}}"#);
    let reply = request(port, "POST", "/auth/accounts/register", Some(&body)).expect("register");
    assert_eq!(reply.status, 201, "{}", reply.body);
    json(&reply.body)["id"].as_i64().expect("an id")
}

/// Logs `email` in: the status, and the access token on success.
fn log_in(port: u16, email: &str) -> (u16, Option<String>) {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#);
    let reply = request(port, "POST", "/auth/accounts/login", Some(&body)).expect("login");
    let token = (reply.status == 200)
        .then(|| json(&reply.body)["accessToken"].as_str().map(str::to_owned))
        .flatten();
    (reply.status, token)
}

fn call(port: u16, method: &str, path: &str, token: &str) -> (u16, Value) {
    let reply = request_as(port, method, path, None, Some(token)).expect("request");
    let body = if reply.body.is_empty() {
        Value::Null
    } else {
        json(&reply.body)
    };
    (reply.status, body)
}

#[test]
fn an_admin_restores_a_deleted_account_bans_it_and_the_audit_log_tells_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let _service = start(dir.path(), port);

    let admin_id = register(port, "admin@example.com");
    let user_id = register(port, "user@example.com");
    let (ok, out) = operator(
        dir.path(),
        &["set-roles", "admin@example.com", "ADMIN,USER"],
    );
    assert!(ok, "{out}");
    let admin = log_in(port, "admin@example.com").1.expect("admin token");
    let user = log_in(port, "user@example.com").1.expect("user token");

    // The user may not administer; then deletes their own account.
    assert_eq!(call(port, "GET", "/admin/accounts", &user).0, 403);
    let (status, _) = call(port, "DELETE", &format!("/accounts/{user_id}"), &user);
    assert_eq!(status, 204);
    assert_eq!(log_in(port, "user@example.com").0, 401);

    // ADMIN finds it among the deleted, restorable, and restores it.
    let (status, page) = call(
        port,
        "GET",
        "/admin/accounts?state=deleted&email=user@",
        &admin,
    );
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["total"], 1, "{page}");
    let listed = &page["accounts"][0];
    assert_eq!(
        (listed["id"].as_i64(), &listed["state"]),
        (Some(user_id), &Value::from("deleted"))
    );
    assert!(listed["restorableUntil"].is_string(), "{listed}");
    let restore = format!("/admin/accounts/{user_id}/restore");
    let (status, restored) = call(port, "POST", &restore, &admin);
    assert_eq!(status, 200, "{restored}");
    assert_eq!(restored["state"], "active");
    let (status, again) = call(port, "POST", &restore, &admin);
    assert_eq!(
        (status, &again["error"]),
        (409, &Value::from("account_not_deleted"))
    );
    let (status, user) = log_in(port, "user@example.com");
    assert_eq!(status, 200, "the restored account signs in again");
    let user = user.expect("token");

    // A ban ends the session at once and refuses log-ins until it is lifted.
    let ban = format!("/admin/accounts/{user_id}/ban");
    assert_eq!(call(port, "POST", &ban, &admin).0, 200);
    assert_eq!(call(port, "GET", "/auth/accounts/profile", &user).0, 401);
    assert_eq!(log_in(port, "user@example.com").0, 401);
    assert_eq!(call(port, "DELETE", &ban, &admin).0, 200);
    assert_eq!(log_in(port, "user@example.com").0, 200);

    // The audit log, newest first: who, what, on whom, from where.
    let (status, log) = call(port, "GET", "/admin/audit-log", &admin);
    assert_eq!(status, 200, "{log}");
    let steps: Vec<(String, Option<i64>, i64, Option<String>)> = log["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap_or_default().to_owned(),
                e["actorId"].as_i64(),
                e["targetId"].as_i64().unwrap_or_default(),
                e["ip"].as_str().map(str::to_owned),
            )
        })
        .collect();
    let from_here = Some("127.0.0.1".to_owned());
    assert_eq!(
        steps,
        [
            (
                "unbanned".into(),
                Some(admin_id),
                user_id,
                from_here.clone()
            ),
            ("banned".into(), Some(admin_id), user_id, from_here.clone()),
            ("restored".into(), Some(admin_id), user_id, from_here),
            ("roles_changed".into(), None, admin_id, None),
        ]
    );
    assert_eq!(log["entries"][3]["userAgent"], "cli");
    assert_eq!(log["entries"][3]["detail"], "ADMIN,USER");
    let (status, filtered) = call(port, "GET", "/admin/audit-log?action=banned", &admin);
    assert_eq!((status, &filtered["total"]), (200, &Value::from(1)));
}
