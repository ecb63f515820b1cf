use account_domain::auth::RotateOutcome;
use account_domain::throttle::ThrottleKey;
use actix_web::http::StatusCode;
use serde_json::json;

use crate::support::fixtures::{SESSION_ID, account, retry_at, session};
use crate::support::{Mocks, post, post_json, send, start};

const URI: &str = "/auth/accounts/token";

fn form(fields: &[(&str, &str)]) -> actix_web::test::TestRequest {
    post(URI).set_form(
        fields
            .iter()
            .copied()
            .collect::<std::collections::BTreeMap<_, _>>(),
    )
}

/// RFC 6749 (5.2): what an OAuth2 client reads from a refused token request.
fn oauth_error(code: &str, description: &str) -> serde_json::Value {
    json!({"error": code, "error_description": description})
}

#[actix_web::test]
async fn the_password_grant_answers_the_rfc_6749_shape() {
    let mut mocks = Mocks::new().predictable_secrets().opens_sessions();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account())));
    mocks
        .hasher
        .expect_verify()
        .withf(|password, _| password == "StrongPassword123!")
        .returning(|_, _| Ok(true));
    let app = start(mocks).await;

    let reply = send(
        &app,
        form(&[
            ("grant_type", "password"),
            ("username", "user@example.com"),
            ("password", "StrongPassword123!"),
        ]),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"access_token": "access-token", "token_type": "bearer", "expires_in": 900, "refresh_token": "refresh-1"})
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
}

#[actix_web::test]
async fn the_refresh_token_grant_rotates_the_token() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks.refresh_token_found("digest:r1", RotateOutcome::Rotated(session(SESSION_ID)));
    mocks
        .accounts
        .expect_find_by_id()
        .returning(|_| Ok(Some(account())));
    mocks
        .tokens
        .expect_issue()
        .returning(|_| Ok("access-2".into()));
    let app = start(mocks).await;

    let reply = send(
        &app,
        form(&[("grant_type", "refresh_token"), ("refresh_token", "r1")]),
    )
    .await;

    assert_eq!(
        reply.json,
        json!({"access_token": "access-2", "token_type": "bearer", "expires_in": 900, "refresh_token": "r1-next"})
    );
}

#[actix_web::test]
async fn bad_credentials_are_invalid_grant() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account())));
    mocks.hasher.expect_verify().returning(|_, _| Ok(false));
    let throttle = mocks.throttle.clone();
    let app = start(mocks).await;

    let reply = send(
        &app,
        form(&[
            ("grant_type", "password"),
            ("username", "user@example.com"),
            ("password", "nope nope"),
        ]),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        oauth_error("invalid_grant", "Invalid email or password")
    );
    assert_eq!(throttle.count("login:id:user@example.com"), 1);
}

#[actix_web::test]
async fn a_spent_refresh_token_is_invalid_grant() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks.refresh_token_found("digest:r0", RotateOutcome::ReuseDetected);
    let app = start(mocks).await;

    let reply = send(
        &app,
        form(&[("grant_type", "refresh_token"), ("refresh_token", "r0")]),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        oauth_error("invalid_grant", "Invalid refresh token")
    );
    assert_eq!(reply.header("content-type"), Some("application/json"));
}

#[actix_web::test]
async fn an_unknown_or_expired_refresh_token_is_invalid_grant() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks.refresh_token_found("digest:gone", RotateOutcome::Invalid);
    let app = start(mocks).await;

    let reply = send(
        &app,
        form(&[("grant_type", "refresh_token"), ("refresh_token", "gone")]),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        oauth_error("invalid_grant", "Invalid refresh token")
    );
}

#[actix_web::test]
async fn a_throttled_password_grant_is_429() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(None));
    mocks
        .throttle
        .block(&ThrottleKey::new("login:id", "a@example.com"), retry_at(30));
    mocks.hasher.expect_verify().never();
    let app = start(mocks).await;

    let reply = send(
        &app,
        form(&[
            ("grant_type", "password"),
            ("username", "a@example.com"),
            ("password", "x"),
        ]),
    )
    .await;

    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), Some("30"));
    assert_eq!(reply.json["error"], json!("temporarily_unavailable"));
}

#[actix_web::test]
async fn an_unsupported_grant_is_400() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, form(&[("grant_type", "client_credentials")])).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        oauth_error("unsupported_grant_type", "Unsupported grant type")
    );
}

#[actix_web::test]
async fn missing_parameters_are_invalid_request() {
    let app = start(Mocks::new()).await;

    let no_grant = send(&app, form(&[("username", "a@example.com")])).await;
    let no_password = send(
        &app,
        form(&[("grant_type", "password"), ("username", "a@example.com")]),
    )
    .await;
    let no_refresh_token = send(&app, form(&[("grant_type", "refresh_token")])).await;

    assert_eq!(no_grant.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        no_grant.json,
        oauth_error("invalid_request", "grant_type is required")
    );
    assert_eq!(
        no_password.json,
        oauth_error("invalid_request", "Password is required")
    );
    assert_eq!(no_refresh_token.status, StatusCode::BAD_REQUEST);
    assert_eq!(no_refresh_token.json["error"], json!("invalid_request"));
}

/// RFC 6749 takes a form; a JSON body is a request the endpoint cannot read: `400
/// invalid_request`, as an OAuth2 client expects, not `415`.
#[actix_web::test]
async fn a_json_body_is_400_invalid_request() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, post_json(URI, json!({"grant_type": "password"}))).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        oauth_error(
            "invalid_request",
            "Content-Type must be application/x-www-form-urlencoded"
        )
    );
}

#[actix_web::test]
async fn a_malformed_form_is_400_invalid_request() {
    let app = start(Mocks::new()).await;

    let reply = send(
        &app,
        post(URI)
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload("grant_type=refresh_token&grant_type=password"),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
    assert_eq!(reply.json["error"], json!("invalid_request"));
}
