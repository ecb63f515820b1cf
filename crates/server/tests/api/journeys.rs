use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, http, post_json, send, with_bearer};

const PASSWORD: &str = "correct horse battery";

fn registration(email: &str) -> Value {
    json!({"email": email, "password": PASSWORD, "name": "John Doe"})
}

fn text<'a>(body: &'a Value, key: &str) -> &'a str {
    body[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} missing in {body}"))
}

async fn register_verify_login_profile_refresh_logout(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;

    let created = send(
        &app,
        post_json("/auth/accounts/register", registration("user@example.com")),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["email"], "user@example.com");
    assert_eq!(created.body["name"], "John Doe");
    let id = created.body["id"].as_i64().expect("numeric id");

    let sent = send(
        &app,
        post_json(
            "/auth/accounts/email/code",
            json!({"email": "user@example.com"}),
        ),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.body, json!({"success": true}));
    let code = test_app.emailed_code("user@example.com").await;
    let verified = send(
        &app,
        post_json(
            "/auth/accounts/email/verify",
            json!({"email": "USER@example.com", "code": code}),
        ),
    )
    .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
    let account = test_app
        .repositories()
        .accounts
        .find_by_id(account_domain::accounts::AccountId(id))
        .await
        .unwrap()
        .unwrap();
    assert!(account.email_verified);

    let login = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": "user@example.com", "password": PASSWORD}),
        ),
    )
    .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    assert_eq!(login.body["tokenType"], "Bearer");
    assert_eq!(login.body["expiresIn"], 900);
    let access = text(&login.body, "accessToken").to_owned();
    let refresh = text(&login.body, "refreshToken").to_owned();

    let profile = send(
        &app,
        with_bearer(TestRequest::get().uri("/auth/accounts/profile"), &access),
    )
    .await;
    assert_eq!(profile.status, StatusCode::OK);
    assert_eq!(
        profile.body,
        json!({"id": id, "email": "user@example.com", "name": "John Doe"})
    );

    let refreshed = send(
        &app,
        post_json("/auth/accounts/refresh", json!({"refreshToken": refresh})),
    )
    .await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.body);
    let successor = text(&refreshed.body, "refreshToken").to_owned();
    assert_ne!(successor, refresh);
    // A client that lost the answer retries within the grace window: same successor.
    let retried = send(
        &app,
        post_json("/auth/accounts/refresh", json!({"refreshToken": refresh})),
    )
    .await;
    assert_eq!(retried.status, StatusCode::OK, "{}", retried.body);
    assert_eq!(text(&retried.body, "refreshToken"), successor);

    let new_access = text(&refreshed.body, "accessToken").to_owned();
    let sessions = send(
        &app,
        with_bearer(
            TestRequest::get().uri("/auth/accounts/sessions"),
            &new_access,
        ),
    )
    .await;
    assert_eq!(sessions.status, StatusCode::OK);
    assert_eq!(
        sessions.body.as_array().map(Vec::len),
        Some(1),
        "{}",
        sessions.body
    );

    let logout = send(
        &app,
        with_bearer(
            TestRequest::post().uri("/auth/accounts/logout"),
            &new_access,
        ),
    )
    .await;
    assert_eq!(logout.status, StatusCode::OK);
    assert_eq!(logout.body, json!({"success": true}));
    // Logging out ends the access tokens of the session and its refresh tokens.
    let after = send(
        &app,
        with_bearer(TestRequest::get().uri("/auth/accounts/profile"), &access),
    )
    .await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(after.body["code"], 40100);
    let refresh_after = send(
        &app,
        post_json("/auth/accounts/refresh", json!({"refreshToken": successor})),
    )
    .await;
    assert_eq!(refresh_after.status, StatusCode::UNAUTHORIZED);
}

async fn duplicate_email_differing_in_case_is_refused(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let first = send(
        &app,
        post_json("/auth/accounts/register", registration("dup@example.com")),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = send(
        &app,
        post_json("/auth/accounts/register", registration("DUP@Example.com")),
    )
    .await;
    assert_eq!(second.status, StatusCode::BAD_REQUEST);
    assert_eq!(second.body["status"], 400);
    assert_eq!(second.body["code"], 40000);
    assert_eq!(second.body["message"], "Email already exists");
    assert_eq!(second.body["detail"], "");
}

async fn repeated_wrong_passwords_are_throttled(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    send(
        &app,
        post_json(
            "/auth/accounts/register",
            registration("victim@example.com"),
        ),
    )
    .await;
    for _ in 0..5 {
        let reply = send(
            &app,
            post_json(
                "/auth/accounts/login",
                json!({"email": "victim@example.com", "password": "wrong guess!"}),
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.body["message"], "Invalid email or password");
    }
    let blocked = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": "victim@example.com", "password": PASSWORD}),
        ),
    )
    .await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        blocked.body
    );
    let retry_after: i64 = blocked
        .headers
        .get("Retry-After")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=900).contains(&retry_after), "{retry_after}");
}

async fn unknown_and_wrong_password_logins_look_the_same(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    send(
        &app,
        post_json("/auth/accounts/register", registration("known@example.com")),
    )
    .await;
    let wrong = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": "known@example.com", "password": "not the password"}),
        ),
    )
    .await;
    let unknown = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": "nobody@example.com", "password": "not the password"}),
        ),
    )
    .await;
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.body, unknown.body);
}

async fn reuse_of_a_rotated_refresh_token_revokes_the_family(backend: Backend) {
    let test_app = TestApp::with_config(backend, |c| c.refresh_grace_secs = 0).await;
    let app = http(&test_app.services, &test_app.config).await;
    send(
        &app,
        post_json(
            "/auth/accounts/register",
            registration("family@example.com"),
        ),
    )
    .await;
    let login = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": "family@example.com", "password": PASSWORD}),
        ),
    )
    .await;
    let first = text(&login.body, "refreshToken").to_owned();
    let rotated = send(
        &app,
        post_json("/auth/accounts/refresh", json!({"refreshToken": first})),
    )
    .await;
    let second = text(&rotated.body, "refreshToken").to_owned();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let reuse = send(
        &app,
        post_json("/auth/accounts/refresh", json!({"refreshToken": first})),
    )
    .await;
    assert_eq!(reuse.status, StatusCode::UNAUTHORIZED);
    let successor = send(
        &app,
        post_json("/auth/accounts/refresh", json!({"refreshToken": second})),
    )
    .await;
    assert_eq!(
        successor.status,
        StatusCode::UNAUTHORIZED,
        "the whole family is revoked"
    );
}

async fn accounts_survive_a_restart(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    {
        let app = http(&test_app.services, &test_app.config).await;
        let created = send(
            &app,
            post_json("/auth/accounts/register", registration("stays@example.com")),
        )
        .await;
        assert_eq!(created.status, StatusCode::CREATED);
    }
    let restarted = test_app.restarted().await;
    let app = http(&restarted, &test_app.config).await;
    let login = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": "stays@example.com", "password": PASSWORD}),
        ),
    )
    .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
}

async fn queued_emails_are_delivered_to_the_dev_outbox(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    send(
        &app,
        post_json("/auth/accounts/register", registration("mail@example.com")),
    )
    .await;
    send(
        &app,
        post_json(
            "/auth/accounts/email/code",
            json!({"email": "mail@example.com"}),
        ),
    )
    .await;
    let code = test_app.emailed_code("mail@example.com").await;
    let delivered = test_app
        .services
        .dispatcher
        .run_once()
        .await
        .expect("dispatch");
    assert_eq!(delivered, 1);
    assert!(
        test_app
            .repositories()
            .outbox
            .pending()
            .await
            .unwrap()
            .is_empty()
    );
    let file = std::fs::read_to_string(test_app.outbox_file()).expect("outbox file");
    assert!(
        file.contains(&code) && file.contains("mail@example.com"),
        "{file}"
    );
}

async fn a_burst_of_parallel_guesses_cannot_pass_the_limit(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    send(
        &app,
        post_json("/auth/accounts/register", registration("burst@example.com")),
    )
    .await;
    let guesses = (0..20).map(|i| {
        send(
            &app,
            post_json(
                "/auth/accounts/login",
                json!({"email": "burst@example.com", "password": format!("guess number {i}")}),
            ),
        )
    });
    let replies = futures_util::future::join_all(guesses).await;
    let checked = replies
        .iter()
        .filter(|r| r.status == StatusCode::UNAUTHORIZED)
        .count();
    let refused = replies
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        (checked, refused),
        (5, 15),
        "only the limit's worth of guesses is checked"
    );
}

crate::on_both_stores!(
    a_burst_of_parallel_guesses_cannot_pass_the_limit,
    register_verify_login_profile_refresh_logout,
    duplicate_email_differing_in_case_is_refused,
    repeated_wrong_passwords_are_throttled,
    unknown_and_wrong_password_logins_look_the_same,
    reuse_of_a_rotated_refresh_token_revokes_the_family,
    accounts_survive_a_restart,
    queued_emails_are_delivered_to_the_dev_outbox,
);
