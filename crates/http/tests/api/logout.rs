use account_domain::auth::{SessionEnding, TokenError};
use actix_web::http::StatusCode;
use chrono::Duration;
use serde_json::json;

use crate::support::fixtures::{ACCOUNT_ID, SESSION_ID, account, claims, now, session};
use crate::support::{Mocks, am_error, post, send, start, with_token};

const URI: &str = "/auth/accounts/logout";

#[actix_web::test]
async fn revokes_the_current_session() {
    let mut mocks = Mocks::new().authenticated();
    mocks
        .tx
        .expect_revoke_sessions()
        .withf(|account, ending, _| {
            *account == ACCOUNT_ID && *ending == SessionEnding::One(SESSION_ID)
        })
        .times(1)
        .returning(|_, _, _| Ok(1));
    mocks
        .tx
        .expect_delete_push_tokens()
        .times(1)
        .returning(|_, _| Ok(0));
    let app = start(mocks).await;

    let reply = send(&app, with_token(post(URI))).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json, json!({"success": true}));
}

#[actix_web::test]
async fn without_a_bearer_token_it_is_401_unauthorized() {
    let app = start(Mocks::new()).await;

    let missing = send(&app, post(URI)).await;
    let basic = send(
        &app,
        post(URI).insert_header(("Authorization", "Basic dXNlcjpwYXNz")),
    )
    .await;

    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert_eq!(missing.json, am_error(401, "unauthorized", "Unauthorized"));
    assert_eq!(basic.json, am_error(401, "unauthorized", "Unauthorized"));
}

#[actix_web::test]
async fn an_expired_token_is_401_token_is_expired() {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .returning(|_, _| Err(TokenError::Expired));
    let app = start(mocks).await;

    let reply = send(&app, with_token(post(URI))).await;

    assert_eq!(
        reply.json,
        am_error(401, "token_expired", "Token is expired")
    );
}

#[actix_web::test]
async fn a_forged_token_is_401() {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .returning(|_, _| Err(TokenError::Invalid));
    let app = start(mocks).await;

    let reply = send(&app, with_token(post(URI))).await;

    assert_eq!(reply.json, am_error(401, "invalid_token", "Unauthorized"));
}

#[actix_web::test]
async fn a_token_of_an_ended_session_is_401() {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .returning(|_, _| Ok(claims()));
    mocks.sessions.expect_find_with_account().returning(|id| {
        let ended = account_domain::auth::Session {
            revoked_at: Some(now()),
            ..session(id)
        };
        Ok(Some((ended, account())))
    });
    let app = start(mocks).await;

    let reply = send(&app, with_token(post(URI))).await;

    assert_eq!(reply.json, am_error(401, "session_ended", "Unauthorized"));
}

#[actix_web::test]
async fn a_token_of_a_deleted_account_is_401_user_is_deleted() {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .returning(|_, _| Ok(claims()));
    mocks.sessions.expect_find_with_account().returning(|id| {
        let deleted = account_domain::accounts::Account {
            deleted_at: Some(now() - Duration::minutes(5)),
            ..account()
        };
        Ok(Some((session(id), deleted)))
    });
    let app = start(mocks).await;

    let reply = send(&app, with_token(post(URI))).await;

    assert_eq!(
        reply.json,
        am_error(401, "account_deleted", "User is Deleted")
    );
}
