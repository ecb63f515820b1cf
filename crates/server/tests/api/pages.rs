//! The pages the emailed links land on, in headless Chromium against the real binary: a user
//! follows the reset link, is told what is wrong with a weak or mistyped password, sets a new
//! one and logs in with it; a used or expired link opens on its own page; the verification
//! link confirms the address with one click. Each page's screenshot is taken (see
//! `browser::screenshot_path` to renew those in `docs/screenshots/`).

use serde_json::{Value, json};

use crate::binary::free_port;
use crate::browser::{fill, is_png, open, screenshot, screenshot_path, submit, walk};
use crate::helpers::LoggedService;
use crate::http_client::{RawReply, request, request_as};

const OLD_PASSWORD: &str = "the first passphrase";
const NEW_PASSWORD: &str = "a brand new passphrase";
/// The body's background when the inline stylesheet applied.
const STYLED: &str = "rgb(244, 244, 245)";

/// The service on a port its reset links name.
fn start() -> LoggedService {
    let port = free_port();
    let reset_url = format!("http://127.0.0.1:{port}/reset-password");
    LoggedService::start_on(port, &[("ACCOUNT_PASSWORD_RESET_URL", &reset_url)], |_| {})
}

fn post(port: u16, path: &str, body: Value) -> RawReply {
    request(port, "POST", path, Some(&body.to_string())).expect("the service answers")
}

fn register(port: u16, email: &str) -> i64 {
    let created = post(
        port,
        "/auth/accounts/register",
        json!({"email": email, "password": OLD_PASSWORD, "name": "Page Walker"}),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    serde_json::from_str::<Value>(&created.body).expect("json")["id"]
        .as_i64()
        .expect("an id")
}

fn log_in(port: u16, email: &str, password: &str) -> RawReply {
    post(
        port,
        "/auth/accounts/login",
        json!({"email": email, "password": password}),
    )
}

/// The link of the newest email of `template` to `email`.
fn emailed_link(service: &LoggedService, email: &str, template: &str) -> String {
    service.delivered(email, template)["params"]["link"]
        .as_str()
        .expect("a link")
        .to_owned()
}

fn reset_link(service: &LoggedService, email: &str) -> String {
    let asked = post(
        service.port,
        "/auth/accounts/reset/request",
        json!({"email": email}),
    );
    assert_eq!(asked.status, 200, "{}", asked.body);
    emailed_link(service, email, "password_reset")
}

/// A page as the browser showed it: its status and heading, its own stylesheet applied and
/// nothing refused by the content security policy.
fn assert_page(page: &Value, status: u64, heading: &str) {
    assert_eq!(page["status"], status, "{page:#}");
    assert_eq!(page["heading"], heading, "{page:#}");
    assert_eq!(page["background"], STYLED, "{page:#}");
    // Chromium reports an error status as a failed load; anything else (a refused stylesheet)
    // is a fault.
    let reported_status = format!("the server responded with a status of {status}");
    let faults: Vec<&Value> = page["console"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| !m.as_str().is_some_and(|m| m.contains(&reported_status)))
        .collect();
    assert!(faults.is_empty(), "{page:#}");
}

fn shows(page: &Value, text: &str) -> bool {
    page["text"]
        .as_str()
        .is_some_and(|shown| shown.contains(text))
}

#[test]
fn a_user_follows_the_emailed_link_sets_a_new_password_and_logs_in_with_it() {
    let service = start();
    let port = service.port;
    let email = "page.walker@example.com";
    register(port, email);
    let link = reset_link(&service, email);
    assert!(link.starts_with(&format!("http://127.0.0.1:{port}/reset-password?email=")));
    let shots = tempfile::tempdir().expect("dir");
    let shot = |name: &str| screenshot_path(shots.path(), name);

    let pages = walk(
        "en-US",
        &[
            open(&link),
            screenshot(&shot("reset-form-en")),
            fill("#password", "password123"),
            fill("#confirm", "password123"),
            submit(),
            screenshot(&shot("reset-error-en")),
            fill("#password", NEW_PASSWORD),
            fill("#confirm", "a brand new passphrasf"),
            submit(),
            fill("#password", NEW_PASSWORD),
            fill("#confirm", NEW_PASSWORD),
            submit(),
            screenshot(&shot("reset-done-en")),
            // The same link again: it worked once.
            open(&link),
            screenshot(&shot("reset-used-en")),
        ],
    );

    let [form, weak, mismatch, done, used] = pages.as_slice() else {
        panic!("five pages: {pages:#?}");
    };
    assert_page(form, 200, "Choose a new password");
    assert_eq!(form["lang"], "en");
    assert!(shows(form, email), "{form:#}");
    let headers = &form["headers"];
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let policy = headers["content-security-policy"]
        .as_str()
        .unwrap_or_default();
    assert!(
        policy.starts_with("default-src 'none'; style-src 'sha256-"),
        "{policy}"
    );
    let cookie = headers["set-cookie"].as_str().unwrap_or_default();
    assert!(
        cookie.starts_with("page_csrf=") && cookie.contains("HttpOnly; SameSite=Strict"),
        "{cookie}"
    );

    assert_page(weak, 400, "Choose a new password");
    assert!(shows(weak, "too common"), "{weak:#}");
    assert_page(mismatch, 400, "Choose a new password");
    assert!(shows(mismatch, "not the same"), "{mismatch:#}");
    assert_page(done, 200, "Your password was changed");
    assert_page(used, 410, "This link no longer works");
    assert!(shows(used, "Email me a new link"), "{used:#}");

    assert_eq!(log_in(port, email, NEW_PASSWORD).status, 200);
    assert_eq!(log_in(port, email, OLD_PASSWORD).status, 401);
    for name in [
        "reset-form-en",
        "reset-error-en",
        "reset-done-en",
        "reset-used-en",
    ] {
        assert!(is_png(&shot(name)), "{name}");
    }
}

/// Moves the expiry of every reset token in the service's SQLite store into the past.
fn expire_reset_tokens(service: &LoggedService) {
    use diesel::{Connection, RunQueryDsl, SqliteConnection};
    let path = service.dir_path().join("data/accounts.db");
    let mut store =
        SqliteConnection::establish(&path.to_string_lossy()).expect("the service's store");
    diesel::sql_query("PRAGMA busy_timeout = 5000")
        .execute(&mut store)
        .expect("busy timeout");
    let expired = diesel::sql_query(
        "UPDATE verification_codes SET expires_at = '2000-01-01 00:00:00.000000' \
         WHERE purpose = 'password_reset' AND consumed_at IS NULL",
    )
    .execute(&mut store)
    .expect("the update");
    assert_eq!(expired, 1);
}

#[test]
fn the_korean_page_explains_a_weak_password_and_an_expired_link_offers_a_new_one() {
    let service = start();
    let port = service.port;
    let email = "hangul.walker@example.com";
    register(port, email);
    let link = reset_link(&service, email);
    let shots = tempfile::tempdir().expect("dir");
    let shot = |name: &str| screenshot_path(shots.path(), name);

    let pages = walk(
        "ko-KR",
        &[
            open(&link),
            screenshot(&shot("reset-form-ko")),
            fill("#password", "qwertyuiop"),
            fill("#confirm", "qwertyuiop"),
            submit(),
            screenshot(&shot("reset-error-ko")),
        ],
    );
    let [form, weak] = pages.as_slice() else {
        panic!("two pages: {pages:#?}");
    };
    assert_page(form, 200, "새 비밀번호 설정");
    assert_eq!(form["lang"], "ko");
    assert!(shows(form, "새 비밀번호 확인"), "{form:#}");
    assert_page(weak, 400, "새 비밀번호 설정");
    assert!(shows(weak, "너무 흔해서"), "{weak:#}");

    expire_reset_tokens(&service);
    let pages = walk(
        "ko-KR,ko;q=0.9,en;q=0.8",
        &[
            open(&link),
            screenshot(&shot("reset-expired-ko")),
            submit(),
            screenshot(&shot("reset-new-link-ko")),
        ],
    );
    let [expired, asked] = pages.as_slice() else {
        panic!("two pages: {pages:#?}");
    };
    assert_page(expired, 410, "더 이상 사용할 수 없는 링크입니다");
    assert!(shows(expired, "새 링크 이메일로 받기"), "{expired:#}");
    assert_page(asked, 200, "이메일을 확인하세요");
    assert!(shows(asked, email), "{asked:#}");

    assert_eq!(log_in(port, email, NEW_PASSWORD).status, 401);
    assert_eq!(log_in(port, email, OLD_PASSWORD).status, 200);
    for name in [
        "reset-form-ko",
        "reset-error-ko",
        "reset-expired-ko",
        "reset-new-link-ko",
    ] {
        assert!(is_png(&shot(name)), "{name}");
    }
}

#[test]
fn the_verification_link_confirms_the_address_with_one_click_and_only_once() {
    let service = start();
    let port = service.port;
    let email = "confirm.walker@example.com";
    let id = register(port, email);
    let asked = post(port, "/auth/accounts/email/code", json!({"email": email}));
    assert_eq!(asked.status, 200, "{}", asked.body);
    let link = emailed_link(&service, email, "email_verification");
    assert!(link.starts_with(&format!("http://127.0.0.1:{port}/verify-email?email=")));
    let shots = tempfile::tempdir().expect("dir");
    let shot = |name: &str| screenshot_path(shots.path(), name);

    // Opening the link (as a mail scanner would) confirms nothing.
    let fetched = request(
        port,
        "GET",
        link.trim_start_matches(&format!("http://127.0.0.1:{port}")),
        None,
    )
    .expect("the service answers");
    assert_eq!(fetched.status, 200);
    let pages = walk(
        "en",
        &[
            open(&link),
            screenshot(&shot("verify-form-en")),
            submit(),
            screenshot(&shot("verify-done-en")),
            open(&link),
            submit(),
        ],
    );
    let [form, done, _, used] = pages.as_slice() else {
        panic!("four pages: {pages:#?}");
    };
    assert_page(form, 200, "Confirm your email address");
    assert!(shows(form, email), "{form:#}");
    assert_page(done, 200, "Your email address is confirmed");
    assert_page(used, 410, "This link no longer works");

    let login: Value = serde_json::from_str(&log_in(port, email, OLD_PASSWORD).body).expect("json");
    let access = login["accessToken"].as_str().expect("an access token");
    let account = request_as(port, "GET", &format!("/accounts/{id}"), None, Some(access))
        .expect("the service answers");
    let account: Value = serde_json::from_str(&account.body).expect("json");
    assert_eq!(account["emailVerified"], true, "{account:#}");
    for name in ["verify-form-en", "verify-done-en"] {
        assert!(is_png(&shot(name)), "{name}");
    }
}
