use account_domain::UnexpectedError;
use account_domain::accounts::CreateAccountError;
use account_domain::throttle::ThrottleKey;
use actix_web::http::StatusCode;
use serde_json::json;

use crate::support::fixtures::{PEER_IP, account, retry_at};
use crate::support::{Mocks, am_error, am_field_error, post_json, send, start};

const URI: &str = "/auth/accounts/register";

fn body() -> serde_json::Value {
    json!({"email": "user@example.com", "password": "StrongPassword123!", "name": "John Doe"})
}

/// Registration reaches the store: no account with the email yet, the password is hashed.
/// A sign-up that the throttle admits, for a login id nobody has.
fn signing_up() -> Mocks {
    let mut mocks = Mocks::new();
    mocks
        .accounts
        .expect_find_by_login_id()
        .returning(|_| Ok(None));
    mocks
}

fn registering() -> Mocks {
    let mut mocks = signing_up();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(None));
    mocks
        .hasher
        .expect_hash()
        .returning(|_| Ok("$argon2id$new".into()));
    mocks
}

#[actix_web::test]
async fn creates_the_account_and_answers_201_with_id_email_and_name() {
    let mut mocks = registering();
    mocks
        .accounts
        .expect_create()
        .withf(|new| {
            new.email.as_str() == "user@example.com"
                && new.name.as_deref() == Some("John Doe")
                && new.password_hash.as_deref() == Some("$argon2id$new")
                && new.login_id.as_ref().map(|l| l.as_str()) == Some("johnny")
        })
        .times(1)
        .returning(|_| Ok(account()));
    let app = start(mocks).await;
    let mut request = body();
    request["loginId"] = json!("johnny");

    let reply = send(&app, post_json(URI, request)).await;

    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(
        reply.json,
        json!({"id": 1, "email": "user@example.com", "name": "John Doe"})
    );
}

#[actix_web::test]
async fn a_taken_email_is_400_email_already_exists() {
    let mut mocks = signing_up();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account())));
    let app = start(mocks).await;

    let reply = send(&app, post_json(URI, body())).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        am_error(400, "email_taken", "Email already exists")
    );
}

#[actix_web::test]
async fn a_registration_losing_the_race_for_the_email_gets_the_same_answer() {
    let mut mocks = registering();
    mocks
        .accounts
        .expect_create()
        .returning(|_| Err(CreateAccountError::EmailTaken));
    let app = start(mocks).await;

    let reply = send(&app, post_json(URI, body())).await;

    assert_eq!(
        reply.json,
        am_error(400, "email_taken", "Email already exists")
    );
}

#[actix_web::test]
async fn a_taken_login_id_is_400() {
    let mut mocks = registering();
    mocks
        .accounts
        .expect_create()
        .returning(|_| Err(CreateAccountError::LoginIdTaken));
    let app = start(mocks).await;

    let reply = send(&app, post_json(URI, body())).await;

    assert_eq!(
        reply.json,
        am_error(400, "login_id_taken", "Login ID already exists")
    );
}

#[actix_web::test]
async fn every_invalid_field_is_listed() {
    let app = start(Mocks::new()).await;
    let request =
        json!({"email": "not-an-email", "password": "short", "name": "John", "loginId": "a b"});

    let reply = send(&app, post_json(URI, request)).await;

    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_fields",
            "Email must look like name@example.com; password must be at least 8 characters; \
             login id must be 4 to 45 letters, digits, '_', '.' or '-'",
            &["email", "password", "loginId"],
        )
    );
}

#[actix_web::test]
async fn missing_fields_are_listed_together() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, post_json(URI, json!({}))).await;

    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_fields",
            "Email is required; password is required; name is required",
            &["email", "password", "name"],
        )
    );
}

#[actix_web::test]
async fn a_common_password_is_rejected_saying_why() {
    let app = start(Mocks::new()).await;
    let mut request = body();
    request["password"] = json!("password123");

    let reply = send(&app, post_json(URI, request)).await;

    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_fields",
            "Password is too common",
            &["password"]
        )
    );
}

#[actix_web::test]
async fn a_password_equal_to_the_email_is_rejected_by_the_use_case() {
    let app = start(Mocks::new()).await;
    let mut request = body();
    request["password"] = json!("user@example.com");

    let reply = send(&app, post_json(URI, request)).await;

    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_fields",
            "Password must not be the same as the email or login id",
            &["password"]
        )
    );
}

#[actix_web::test]
async fn a_field_of_the_wrong_type_is_named() {
    let app = start(Mocks::new()).await;
    let mut request = body();
    request["email"] = json!(42);

    let reply = send(&app, post_json(URI, request)).await;

    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_request",
            "Invalid value for email: invalid type: integer `42`, expected a string",
            &["email"]
        )
    );
}

#[actix_web::test]
async fn a_store_failure_is_a_generic_500_without_the_cause() {
    let mut mocks = signing_up();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Err(UnexpectedError::new("connection refused to db:5432")));
    let app = start(mocks).await;

    let reply = send(&app, post_json(URI, body())).await;

    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        reply.json,
        am_error(500, "internal_error", "Internal Server Error")
    );
    assert!(!reply.text.contains("5432"));
}

#[actix_web::test]
async fn too_many_sign_ups_are_429_with_retry_after_before_any_hashing() {
    for spent in [
        ThrottleKey::per_ip("register:ip", PEER_IP),
        ThrottleKey::new("register:email", "user@example.com"),
    ] {
        let mut mocks = Mocks::new();
        mocks.throttle.block(&spent, retry_at(240));
        mocks.hasher.expect_hash().never();
        let throttle = mocks.throttle.clone();
        let app = start(mocks).await;

        let reply = send(&app, post_json(URI, body())).await;

        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "{spent:?}");
        assert_eq!(reply.header("retry-after"), Some("240"));
        let mut expected = am_error(429, "too_many_requests", "Too many requests");
        expected["retryAfter"] = json!(240);
        assert_eq!(reply.json, expected);
        assert_eq!(throttle.names(), [spent.as_str()], "nothing else counted");
    }
}
