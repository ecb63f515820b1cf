use account_domain::auth::TokenError;
use actix_web::http::StatusCode;
use serde_json::json;

use crate::support::{Mocks, am_error, get, send, start, with_token};

const URI: &str = "/auth/accounts/profile";

#[actix_web::test]
async fn answers_id_email_and_name_exactly() {
    let app = start(Mocks::new().authenticated()).await;

    let reply = send(&app, with_token(get(URI))).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"id": 1, "email": "user@example.com", "name": "John Doe"})
    );
}

#[actix_web::test]
async fn without_a_token_it_is_the_documented_401() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, get(URI)).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, am_error(401, "unauthorized", "Unauthorized"));
}

#[actix_web::test]
async fn an_expired_token_is_401_token_is_expired() {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .returning(|_, _| Err(TokenError::Expired));
    let app = start(mocks).await;

    let reply = send(&app, with_token(get(URI))).await;

    assert_eq!(
        reply.json,
        am_error(401, "token_expired", "Token is expired")
    );
}

/// SPEC 3.1: an account whose name came only from the Lux profile shows it as its `name`, in
/// Korean order.
#[actix_web::test]
async fn the_name_of_an_account_named_through_lux_is_last_then_first() {
    let lux_named = account_domain::accounts::Account {
        name: None,
        first_name: Some("민준".into()),
        last_name: Some("김".into()),
        ..crate::support::fixtures::account()
    };
    let app = start(crate::lux::signed_in(lux_named)).await;

    let reply = send(&app, with_token(get(URI))).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["name"], "김 민준");
}
