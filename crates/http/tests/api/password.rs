//! Password care (account-management document): change, verify, and delete with the password
//! asked again, with the document's bodies and error bodies.

use account_domain::accounts::AccountId;
use account_domain::throttle::ThrottleKey;
use actix_web::http::Method;
use actix_web::http::StatusCode;
use serde_json::{Value, json};

use crate::support::fixtures::{ACCOUNT_ID, SESSION_ID, retry_at};
use crate::support::{Mocks, am_error, am_field_error, request, send, start, with_token};

const PASSWORD: &str = "/auth/accounts/password";
const VERIFY: &str = "/auth/accounts/password/verify";
const ACCOUNT: &str = "/auth/accounts";

/// A signed-in caller (`user@example.com`) whose password is `CurrentPassword123!`.
fn caller() -> Mocks {
    let mut mocks = Mocks::new().authenticated();
    mocks
        .hasher
        .expect_dummy_hash()
        .returning(|| "$dummy".into());
    mocks
        .hasher
        .expect_verify()
        .returning(|password, hash| Ok(password == "CurrentPassword123!" && hash != "$dummy"));
    mocks
}

async fn call(mocks: Mocks, method: Method, uri: &str, body: Value) -> crate::support::Reply {
    let app = start(mocks).await;
    send(&app, with_token(request(method, uri)).set_json(body)).await
}

#[actix_web::test]
async fn a_change_answers_success_and_ends_the_other_sessions() {
    let mut mocks = caller();
    mocks
        .hasher
        .expect_hash()
        .returning(|_| Ok("$argon2id$new".into()));
    mocks
        .tx
        .expect_set_password()
        .withf(|account, hash, _| *account == ACCOUNT_ID && hash == "$argon2id$new")
        .times(1)
        .returning(|_, _, _| Ok(true));
    mocks
        .tx
        .expect_revoke_sessions()
        .withf(|account, ending, _| {
            *account == ACCOUNT_ID
                && *ending == account_domain::auth::SessionEnding::AllBut(Some(SESSION_ID))
        })
        .times(1)
        .returning(|_, _, _| Ok(1));
    mocks.tx.expect_delete_push_tokens().returning(|_, _| Ok(0));

    let reply = call(
        mocks,
        Method::PATCH,
        PASSWORD,
        json!({"email": "user@example.com", "password": "CurrentPassword123!", "newPassword": "NewPassword456!"}),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json, json!({"success": true}));
}

#[actix_web::test]
async fn a_wrong_current_password_is_the_documented_400() {
    let mut mocks = caller();
    mocks.tx.expect_set_password().never();
    let throttle = mocks.throttle.clone();

    let reply = call(
        mocks,
        Method::PATCH,
        PASSWORD,
        json!({"email": "user@example.com", "password": "wrong", "newPassword": "NewPassword456!"}),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        am_error(400, "invalid_current_password", "Invalid current password")
    );
    // The check spent from the account's log-in budget.
    assert_eq!(throttle.count("login:account:1"), 1);
}

#[actix_web::test]
async fn a_weak_new_password_names_the_new_password_field() {
    let reply = call(
        caller(),
        Method::PATCH,
        PASSWORD,
        json!({"email": "user@example.com", "password": "CurrentPassword123!", "newPassword": "user@example.com"}),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_fields",
            "Password must not be the same as the email or login id",
            &["newPassword"]
        )
    );
}

#[actix_web::test]
async fn verify_answers_success_or_the_documented_400() {
    let right = call(
        caller(),
        Method::POST,
        VERIFY,
        json!({"email": "user@example.com", "password": "CurrentPassword123!"}),
    )
    .await;
    assert_eq!(right.status, StatusCode::OK);
    assert_eq!(right.json, json!({"success": true}));

    for body in [
        json!({"email": "user@example.com", "password": "password"}),
        json!({"email": "someone.else@example.com", "password": "CurrentPassword123!"}),
    ] {
        let wrong = call(caller(), Method::POST, VERIFY, body).await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            wrong.json,
            am_error(400, "invalid_password", "Invalid password")
        );
    }
}

#[actix_web::test]
async fn too_many_wrong_passwords_are_429() {
    let mut mocks = Mocks::new().authenticated();
    mocks
        .throttle
        .block(&ThrottleKey::new("login:account", "1"), retry_at(300));
    mocks.hasher.expect_verify().never();

    let reply = call(
        mocks,
        Method::POST,
        VERIFY,
        json!({"email": "user@example.com", "password": "CurrentPassword123!"}),
    )
    .await;

    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), Some("300"));
}

#[actix_web::test]
async fn deleting_with_a_wrong_password_is_the_documented_401_and_deletes_nothing() {
    let mut mocks = caller();
    mocks.tx.expect_mark_account_deleted().never();

    let reply = call(
        mocks,
        Method::DELETE,
        ACCOUNT,
        json!({"email": "user@example.com", "password": "password"}),
    )
    .await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        reply.json,
        am_error(401, "invalid_password", "Invalid password")
    );
}

#[actix_web::test]
async fn deleting_soft_deletes_the_account_in_one_unit_of_work() {
    let mut mocks = caller();
    mocks
        .tx
        .expect_mark_account_deleted()
        .withf(|account, _| *account == AccountId(ACCOUNT_ID.0))
        .times(1)
        .returning(|_, _| Ok(true));
    mocks.tx.expect_revoke_sessions().returning(|_, _, _| Ok(1));
    mocks.tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    mocks
        .tx
        .expect_release_devices_of_children()
        .returning(|_, _| Ok(0));
    mocks.tx.expect_delete_children().returning(|_, _| Ok(0));
    mocks
        .tx
        .expect_lock_account()
        .returning(|_| Ok(Some(crate::support::fixtures::account())));
    mocks.tx.expect_enqueue_message().returning(|_, _| Ok(()));

    let reply = call(
        mocks,
        Method::DELETE,
        ACCOUNT,
        json!({"email": "user@example.com", "password": "CurrentPassword123!"}),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json, json!({"success": true}));
}

#[actix_web::test]
async fn missing_fields_are_named() {
    let reply = call(
        caller(),
        Method::DELETE,
        ACCOUNT,
        json!({"email": "user@example.com"}),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json["message"], "Password is required");
}
