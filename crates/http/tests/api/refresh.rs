use account_domain::auth::RotateOutcome;
use actix_web::http::StatusCode;
use chrono::Duration;
use serde_json::json;

use crate::support::fixtures::{SESSION_ID, account, now, session};
use crate::support::{Mocks, am_error, am_field_error, post_json, send, start};

const URI: &str = "/auth/accounts/refresh";

#[actix_web::test]
async fn rotates_and_answers_like_login() {
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

    let reply = send(&app, post_json(URI, json!({"refreshToken": "r1"}))).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"accessToken": "access-2", "refreshToken": "r1-next", "tokenType": "Bearer", "expiresIn": 900})
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
}

#[actix_web::test]
async fn an_unknown_token_is_401() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks.refresh_token_found("digest:nope", RotateOutcome::Invalid);
    let app = start(mocks).await;

    let reply = send(&app, post_json(URI, json!({"refreshToken": "nope"}))).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        reply.json,
        am_error(401, "invalid_token", "Invalid refresh token")
    );
}

#[actix_web::test]
async fn a_token_of_a_deleted_account_is_401() {
    let mut mocks = Mocks::new().predictable_secrets();
    mocks.refresh_token_found("digest:r1", RotateOutcome::Rotated(session(SESSION_ID)));
    mocks
        .accounts
        .expect_find_by_id()
        .returning(|_| Ok(Some(account_deleted())));
    let app = start(mocks).await;

    let reply = send(&app, post_json(URI, json!({"refreshToken": "r1"}))).await;

    assert_eq!(
        reply.json,
        am_error(401, "invalid_token", "Invalid refresh token")
    );
}

#[actix_web::test]
async fn the_token_is_required() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, post_json(URI, json!({"refreshToken": null}))).await;

    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_fields",
            "refreshToken is required",
            &["refreshToken"]
        )
    );
}

fn account_deleted() -> account_domain::accounts::Account {
    account_domain::accounts::Account {
        deleted_at: Some(now() - Duration::hours(1)),
        ..account()
    }
}
