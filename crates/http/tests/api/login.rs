use account_domain::throttle::ThrottleKey;
use account_http::HttpSettings;
use actix_web::http::StatusCode;
use serde_json::json;

use crate::support::fixtures::{
    ACCOUNT_ID, PEER_IP, SESSION_ID, account, counted, retry_at, session,
};
use crate::support::{Mocks, am_error, am_field_error, post_json, send, start, start_with};

const URI: &str = "/auth/accounts/login";

/// The password matches the stored hash and the session opens.
fn logging_in() -> Mocks {
    let mut mocks = Mocks::new().predictable_secrets().opens_sessions();
    mocks
        .hasher
        .expect_verify()
        .withf(|password, hash| password == "StrongPassword123!" && hash == "$argon2id$stored")
        .returning(|_, _| Ok(true));
    mocks
}

#[actix_web::test]
async fn logs_in_with_the_email_and_answers_tokens() {
    let mut mocks = logging_in();
    mocks
        .accounts
        .expect_find_by_email()
        .withf(|e| e.as_str() == "user@example.com")
        .returning(|_| Ok(Some(account())));
    let throttle = mocks.throttle.clone();
    let app = start(mocks).await;

    let reply = send(
        &app,
        post_json(
            URI,
            json!({"email": "user@example.com", "password": "StrongPassword123!"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"accessToken": "access-token", "refreshToken": "refresh-1", "tokenType": "Bearer", "expiresIn": 900})
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    // The attempt was reserved from every budget, and a success leaves none of it counted.
    for name in [
        "login:id:user@example.com".to_owned(),
        format!("login:ip:{PEER_IP}"),
        format!("login:account:{}", ACCOUNT_ID.0),
    ] {
        assert_eq!(counted(&throttle, &name), Some(0), "{name}");
    }
}

#[actix_web::test]
async fn logs_in_with_the_login_id_or_a_username() {
    let mut mocks = logging_in();
    mocks
        .accounts
        .expect_find_by_login_id()
        .withf(|l| l.as_str() == "johnny")
        .times(2)
        .returning(|_| Ok(Some(account())));
    let app = start(mocks).await;

    for body in [
        json!({"loginId": "johnny", "password": "StrongPassword123!"}),
        json!({"username": "johnny", "password": "StrongPassword123!"}),
    ] {
        let reply = send(&app, post_json(URI, body)).await;
        assert_eq!(reply.status, StatusCode::OK);
    }
}

#[actix_web::test]
async fn the_session_records_the_client_address_and_user_agent() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account())));
    mocks.hasher.expect_verify().returning(|_, _| Ok(true));
    mocks
        .tokens
        .expect_issue()
        .returning(|_| Ok("access-token".into()));
    mocks
        .sessions
        .expect_create()
        .withf(|new, _| {
            new.client.ip.as_deref() == Some(PEER_IP)
                && new.client.user_agent.as_deref() == Some("TestAgent/1.0")
        })
        .times(1)
        .returning(|_, _| Ok(session(SESSION_ID)));
    let app = start(mocks).await;

    let reply = send(
        &app,
        post_json(
            URI,
            json!({"email": "user@example.com", "password": "StrongPassword123!"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK);
}

#[actix_web::test]
async fn a_trusted_proxy_supplies_the_client_address() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account())));
    mocks.hasher.expect_verify().returning(|_, _| Ok(true));
    mocks
        .tokens
        .expect_issue()
        .returning(|_| Ok("access-token".into()));
    mocks
        .sessions
        .expect_create()
        .withf(|new, _| new.client.ip.as_deref() == Some("198.51.100.20"))
        .times(1)
        .returning(|_, _| Ok(session(SESSION_ID)));
    let app = start_with(
        mocks,
        HttpSettings {
            trust_forwarded_for: true,
            ..HttpSettings::default()
        },
    )
    .await;
    let request = post_json(
        URI,
        json!({"email": "user@example.com", "password": "StrongPassword123!"}),
    )
    .insert_header(("X-Forwarded-For", "10.1.1.1, 198.51.100.20"));

    let reply = send(&app, request).await;

    assert_eq!(reply.status, StatusCode::OK);
}

#[actix_web::test]
async fn a_wrong_password_is_401_and_counts_against_account_and_ip() {
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
        post_json(
            URI,
            json!({"email": "user@example.com", "password": "wrong password"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        reply.json,
        am_error(401, "invalid_credentials", "Invalid email or password")
    );
    assert_eq!(
        throttle.names(),
        [
            "login:account:1".to_owned(),
            "login:id:user@example.com".to_owned(),
            format!("login:ip:{PEER_IP}"),
        ]
    );
    for name in throttle.names() {
        assert_eq!(throttle.count(&name), 1, "{name}");
    }
}

#[actix_web::test]
async fn an_unknown_account_gets_the_same_401() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks
        .hasher
        .expect_dummy_hash()
        .returning(|| "$argon2id$dummy".into());
    mocks
        .hasher
        .expect_verify()
        .withf(|_, hash| hash == "$argon2id$dummy")
        .times(1)
        .returning(|_, _| Ok(false));
    let throttle = mocks.throttle.clone();
    let app = start(mocks).await;

    let reply = send(
        &app,
        post_json(
            URI,
            json!({"username": "not an identifier", "password": "whatever it is"}),
        ),
    )
    .await;

    assert_eq!(
        reply.json,
        am_error(401, "invalid_credentials", "Invalid email or password")
    );
    // An identifier without an account counts under its own name, as an account would.
    assert_eq!(throttle.count("login:account:none:not an identifier"), 1);
}

#[actix_web::test]
async fn a_throttled_client_gets_429_with_retry_after() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account())));
    mocks
        .throttle
        .block(&ThrottleKey::per_ip("login:ip", PEER_IP), retry_at(90));
    mocks.hasher.expect_verify().never();
    let throttle = mocks.throttle.clone();
    let app = start(mocks).await;

    let reply = send(
        &app,
        post_json(
            URI,
            json!({"email": "user@example.com", "password": "StrongPassword123!"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), Some("90"));
    let mut expected = am_error(429, "too_many_requests", "Too many requests");
    expected["retryAfter"] = json!(90);
    assert_eq!(reply.json, expected);
    assert_eq!(counted(&throttle, "login:id:user@example.com"), None);
}

#[actix_web::test]
async fn identifier_and_password_are_required() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, post_json(URI, json!({"email": ""}))).await;

    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_fields",
            "An email, loginId or username is required; password is required",
            &["email", "password"]
        )
    );
}
