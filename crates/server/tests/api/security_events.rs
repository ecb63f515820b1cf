//! Security events and recovery notices on the real binary (issue 7, points 5 and 6; ASVS
//! 16.3.1-16.3.3, 7.5.1): a walk-through that reuses a refresh token, revokes sessions, is
//! refused an admin route and another user's child, claims and releases a device, changes the
//! phone twice and withdraws. The service log, captured as an operator runs it, holds one
//! `security event` line for each, and no password, code, token, email or phone number; the
//! dev outbox holds the notices of the phone change and the withdrawal.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::helpers::{LoggedService, six_digits};
use crate::http_client::{RawReply, request, request_as};

const PASSWORD: &str = "correct horse battery";
const OWNER: &str = "watched.owner@example.com";
const OTHER: &str = "watched.other@example.com";
const GUESSED: &str = "watched.guessed@example.com";
const FIRST_PHONE: &str = "+821055501234";
const SECOND_PHONE: &str = "+821055509876";

/// One `security event` line: its fields, values unquoted.
type Event = BTreeMap<String, String>;

fn security_events(log: &str) -> Vec<Event> {
    log.lines()
        .filter_map(|line| line.split_once(" security event "))
        .map(|(_, fields)| {
            fields
                .split_whitespace()
                .filter_map(|field| field.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.trim_matches('"').to_owned()))
                .collect()
        })
        .collect()
}

/// The events named `name` whose fields include every pair of `with`.
fn find<'a>(events: &'a [Event], name: &str, with: &[(&str, &str)]) -> Vec<&'a Event> {
    events
        .iter()
        .filter(|e| e.get("event").is_some_and(|n| n == name))
        .filter(|e| with.iter().all(|(k, v)| e.get(*k).is_some_and(|x| x == v)))
        .collect()
}

fn json(reply: &RawReply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or(Value::Null)
}

fn call(port: u16, method: &str, path: &str, body: Option<&str>, token: &str) -> RawReply {
    request_as(port, method, path, body, Some(token)).expect("the service answers")
}

fn register(port: u16, email: &str) {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}","name":"Watch Ed"}}"#);
    let reply = request(port, "POST", "/auth/accounts/register", Some(&body)).expect("register");
    assert_eq!(reply.status, 201, "{}", reply.body);
}

/// A new session of `email`: its access and refresh tokens.
fn log_in(port: u16, email: &str) -> (String, String) {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#);
    let reply = request(port, "POST", "/auth/accounts/login", Some(&body)).expect("login");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let tokens = json(&reply);
    let token = |name: &str| tokens[name].as_str().expect("a token").to_owned();
    (token("accessToken"), token("refreshToken"))
}

fn refresh(port: u16, refresh_token: &str) -> RawReply {
    let body = format!(r#"{{"refreshToken":"{refresh_token}"}}"#);
    request(port, "POST", "/auth/accounts/refresh", Some(&body)).expect("refresh")
}

/// The id of the session `token` belongs to.
fn session_id(port: u16, token: &str) -> i64 {
    let reply = call(port, "GET", "/auth/accounts/sessions", None, token);
    let sessions = json(&reply);
    let current = sessions
        .as_array()
        .and_then(|all| all.iter().find(|s| s["current"] == true));
    current
        .and_then(|s| s["id"].as_i64())
        .expect("the current session")
}

/// Changes the caller's phone to `phone` with the code the dev outbox delivered; the code.
fn change_phone(service: &LoggedService, token: &str, phone: &str) -> String {
    let port = service.port;
    let number = format!(r#"{{"phone":"{phone}"}}"#);
    let sent = call(
        port,
        "POST",
        "/api/v1/lux/user/send-sms",
        Some(&number),
        token,
    );
    assert_eq!(sent.status, 200, "{}", sent.body);
    let sms = service.delivered(phone, "phone_code");
    let code = sms["params"]["code"].as_str().expect("a code").to_owned();
    let change = format!(r#"{{"phone":"{phone}","validnum":"{code}"}}"#);
    let changed = call(
        port,
        "POST",
        "/api/v1/lux/user/change-phone",
        Some(&change),
        token,
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    code
}

#[test]
fn a_walk_through_logs_each_security_event_and_notifies_without_leaking_secrets() {
    let service = LoggedService::start(|dir| {
        let csv = "serial_code,mac_id,unique_id,device_alias\nSL20409000,4A0D,watched,hall\n";
        std::fs::write(dir.join("devices.csv"), csv).expect("write csv");
        let (ok, out) = LoggedService::operator(dir, &["provision-devices", "devices.csv"]);
        assert!(ok, "{out}");
    });
    let port = service.port;
    register(port, OWNER);
    register(port, OTHER);
    let (owner, owner_refresh) = log_in(port, OWNER);
    let (other, other_refresh) = log_in(port, OTHER);
    let owner_id = json(&call(port, "GET", "/auth/accounts/profile", None, &owner))["id"]
        .as_i64()
        .expect("the owner's id")
        .to_string();
    let mut secrets = vec![owner.clone(), owner_refresh, other.clone(), other_refresh];

    // Guesses at an address: five failures, then the lockout.
    let guess = format!(r#"{{"email":"{GUESSED}","password":"not the password"}}"#);
    let statuses: Vec<u16> = (0..6)
        .map(|_| {
            request(port, "POST", "/auth/accounts/login", Some(&guess))
                .expect("login")
                .status
        })
        .collect();
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);

    // A role change by the operator, logged by the command.
    let (ok, printed) = service.operate(&["set-roles", OTHER, "SERVER,USER"]);
    assert!(ok, "{printed}");
    let changed = security_events(&printed);
    assert!(
        !find(&changed, "roles_changed", &[("roles", "SERVER,USER")]).is_empty(),
        "{printed}"
    );

    // A refresh token spent twice: its session ends.
    let (reused, first) = log_in(port, OWNER);
    let reused_session = session_id(port, &reused).to_string();
    let second = json(&refresh(port, &first))["refreshToken"]
        .as_str()
        .map(str::to_owned);
    let second = second.expect("a rotated token");
    let third = json(&refresh(port, &second))["refreshToken"]
        .as_str()
        .map(str::to_owned);
    let third = third.expect("the successor's successor");
    assert_eq!(refresh(port, &first).status, 401, "reuse is refused");
    secrets.extend([reused, first, second, third]);

    // Sessions revoked: one by id, all others, and a log-out.
    let (spare, spare_refresh) = log_in(port, OWNER);
    let spare_session = session_id(port, &spare);
    let path = format!("/auth/accounts/sessions/{spare_session}");
    assert_eq!(call(port, "DELETE", &path, None, &owner).status, 200);
    let (others, others_refresh) = log_in(port, OWNER);
    assert_eq!(
        call(port, "DELETE", "/auth/accounts/sessions", None, &owner).status,
        200
    );
    secrets.extend([spare, spare_refresh, others, others_refresh]);

    // A USER on an admin route.
    let batch = r#"[{"serial_code":"SL20409001","mac_id":"4A0E","unique_id":"w2"}]"#;
    let refused = call(port, "POST", "/admin/devices", Some(batch), &owner);
    assert_eq!(refused.status, 403, "{}", refused.body);

    // A device claimed with a child user, refused to another user, released.
    let child = r#"{"first_name":"kid","last_name":"","birthdate":"20200101","gender":"F","serial_code":"SL20409000","mac_id":"4A0D","unique_id":"watched"}"#;
    let claimed = call(
        port,
        "POST",
        "/api/v1/lux/user/create-real-user",
        Some(child),
        &owner,
    );
    assert_eq!(claimed.status, 200, "{}", claimed.body);
    let child_id = json(&claimed)["real_user_id"]
        .as_i64()
        .expect("real_user_id");
    let foreign = format!("/api/v1/lux/user/real-user/{child_id}");
    let denied = call(port, "GET", &foreign, None, &other);
    assert_eq!(denied.status, 401, "{}", denied.body);
    let release = format!(r#"{{"real_user_id":{child_id},"unique_id":"watched"}}"#);
    let released = call(
        port,
        "DELETE",
        "/api/v1/lux/user/delete-real-user",
        Some(&release),
        &owner,
    );
    assert_eq!(released.status, 200, "{}", released.body);

    // The phone set, then changed; then the account withdrawn.
    secrets.push(change_phone(&service, &owner, FIRST_PHONE));
    secrets.push(change_phone(&service, &owner, SECOND_PHONE));
    assert_eq!(
        call(port, "POST", "/auth/accounts/logout", None, &other).status,
        200
    );
    let withdrawn = call(port, "DELETE", "/api/v1/lux/user/root-user", None, &owner);
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.body);

    // The notices: the previous phone and the email hear of the change, the email of the
    // withdrawal; the new number only masked.
    let to_previous = service.delivered(FIRST_PHONE, "phone_changed");
    let changed_mail = service.delivered(OWNER, "phone_changed");
    let withdrawal_mail = service.delivered(OWNER, "account_withdrawn");
    for notice in [&to_previous, &changed_mail] {
        assert_eq!(notice["params"]["masked_phone"], "****9876", "{notice}");
    }
    for notice in [&to_previous, &changed_mail, &withdrawal_mail] {
        let body = notice["body"].as_str().unwrap_or_default();
        assert!(
            !body.contains(SECOND_PHONE) && six_digits(body).is_none(),
            "{body}"
        );
    }
    assert_eq!(changed_mail["channel"], "email");
    assert_eq!(to_previous["channel"], "sms");

    let log = service.stop();
    let events = security_events(&log);
    let owner_is = ("account_id", owner_id.as_str());
    let expected: [(&str, Vec<(&str, &str)>); 13] = [
        ("login_succeeded", vec![owner_is, ("ip", "127.0.0.1")]),
        ("login_failed", vec![("ip", "127.0.0.1")]),
        ("lockout_started", vec![("scope", "login:id")]),
        (
            "refresh_token_reused",
            vec![owner_is, ("session_id", &reused_session)],
        ),
        ("sessions_revoked", vec![owner_is, ("scope", "one")]),
        ("sessions_revoked", vec![owner_is, ("scope", "all_others")]),
        ("sessions_revoked", vec![("scope", "logout")]),
        ("role_denied", vec![owner_is, ("action", "/admin/devices")]),
        ("ownership_denied", vec![("resource", "child_user")]),
        ("device_claimed", vec![owner_is]),
        ("device_released", vec![owner_is]),
        ("phone_changed", vec![owner_is, ("notices", "email,sms")]),
        ("account_withdrawn", vec![owner_is, ("notices", "email")]),
    ];
    for (name, with) in &expected {
        assert!(
            !find(&events, name, with).is_empty(),
            "no {name} event with {with:?} in:\n{log}"
        );
    }
    assert_eq!(find(&events, "phone_changed", &[owner_is]).len(), 2);
    assert!(
        log.lines()
            .filter(|l| l.contains(" security event "))
            .all(|l| l.contains(" WARN ") || l.contains(" INFO ")),
        "{log}"
    );

    // Nothing secret, and no identifier of the users, anywhere in the log but the dev outbox's
    // own lines (a stand-in for delivery, which prints what it delivers by design).
    let outside_outbox: String = log
        .lines()
        .filter(|line| !line.contains("dev outbox message"))
        .collect::<Vec<_>>()
        .join("\n");
    let identifiers = [PASSWORD, OWNER, OTHER, GUESSED, FIRST_PHONE, SECOND_PHONE];
    for secret in secrets.iter().map(String::as_str).chain(identifiers) {
        assert!(
            !secret.is_empty() && !outside_outbox.contains(secret),
            "{secret:?} is in the log:\n{outside_outbox}"
        );
    }
}
