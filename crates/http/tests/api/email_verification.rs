use account_domain::verification::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome};
use actix_web::http::StatusCode;
use serde_json::json;

use crate::support::fixtures::{PEER_IP, account, retry_at};
use crate::support::{Mocks, am_error, am_field_error, post_json, send, start};

const SEND: &str = "/auth/accounts/email/code";
const VERIFY: &str = "/auth/accounts/email/verify";

fn sending(account_exists: bool) -> Mocks {
    let mut mocks = Mocks::new().not_throttled().predictable_secrets();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(move |_| Ok(account_exists.then(account)));
    mocks
}

#[actix_web::test]
async fn sending_a_code_answers_the_same_whether_or_not_the_account_exists() {
    for account_exists in [true, false] {
        let mut mocks = sending(account_exists);
        mocks
            .codes
            .expect_issue()
            .withf(move |code, _, message| {
                code.target == "user@example.com"
                    && code.code_digest == "digest:123456"
                    && message.suppressed != account_exists
            })
            .times(1)
            .returning(|_, _, _| Ok(IssueOutcome::Issued));
        mocks
            .throttle
            .expect_hit()
            .times(2)
            .returning(|_, _, _| Ok(None));
        let app = start(mocks).await;

        let reply = send(&app, post_json(SEND, json!({"email": "User@Example.com"}))).await;

        assert_eq!(
            reply.status,
            StatusCode::OK,
            "account exists: {account_exists}"
        );
        assert_eq!(reply.json, json!({"success": true}));
    }
}

#[actix_web::test]
async fn a_resend_within_the_cooldown_is_429_with_retry_after() {
    let mut mocks = sending(true).admitting_attempts();
    mocks.codes.expect_issue().returning(|_, _, _| {
        Ok(IssueOutcome::CoolingDown {
            retry_at: retry_at(60),
        })
    });
    let app = start(mocks).await;

    let reply = send(&app, post_json(SEND, json!({"email": "user@example.com"}))).await;

    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), Some("60"));
    let mut expected = am_error(429, "code_cooldown", "A code was sent recently");
    expected["retryAfter"] = json!(60);
    assert_eq!(reply.json, expected);
}

#[actix_web::test]
async fn too_many_codes_is_429_with_retry_after() {
    let mut mocks = Mocks::new();
    mocks
        .throttle
        .expect_blocked_until()
        .withf(|keys, _| {
            keys.iter()
                .any(|k| k.as_str() == format!("code-send:ip:{PEER_IP}"))
        })
        .returning(|_, _| Ok(Some(retry_at(3600))));
    let app = start(mocks).await;

    let reply = send(&app, post_json(SEND, json!({"email": "user@example.com"}))).await;

    assert_eq!(reply.header("retry-after"), Some("3600"));
    let mut expected = am_error(429, "too_many_requests", "Too many requests");
    expected["retryAfter"] = json!(3600);
    assert_eq!(reply.json, expected);
}

#[actix_web::test]
async fn sending_needs_a_valid_email() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, post_json(SEND, json!({"email": "nope"}))).await;

    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_fields",
            "Email must look like name@example.com",
            &["email"]
        )
    );
}

fn verifying(outcome: AttemptOutcome) -> Mocks {
    let mut mocks = Mocks::new().not_throttled().predictable_secrets();
    mocks.code_presented(
        CodePurpose::EmailVerification,
        "user@example.com".into(),
        CodeEffect::VerifyEmail,
        outcome,
    );
    mocks
}

fn verify_body() -> serde_json::Value {
    json!({"email": "user@example.com", "code": "123456"})
}

#[actix_web::test]
async fn the_right_code_verifies_the_email() {
    let app = start(verifying(AttemptOutcome::Accepted {
        account_id: Some(account().id),
    }))
    .await;

    let reply = send(&app, post_json(VERIFY, verify_body())).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json, json!({"success": true}));
}

#[actix_web::test]
async fn a_wrong_code_is_400_invalid_code() {
    let app = start(verifying(AttemptOutcome::Mismatch { attempts_left: 3 })).await;

    let reply = send(&app, post_json(VERIFY, verify_body())).await;

    assert_eq!(reply.json, am_error(400, "invalid_code", "Invalid code"));
}

#[actix_web::test]
async fn an_expired_code_is_400_code_expired() {
    let app = start(verifying(AttemptOutcome::Expired)).await;

    let reply = send(&app, post_json(VERIFY, verify_body())).await;

    assert_eq!(reply.json, am_error(400, "code_expired", "Code expired"));
}

#[actix_web::test]
async fn a_code_without_attempts_left_is_400_asking_for_a_new_one() {
    let app = start(verifying(AttemptOutcome::Exhausted)).await;

    let reply = send(&app, post_json(VERIFY, verify_body())).await;

    assert_eq!(
        reply.json,
        am_error(
            400,
            "code_attempts_exhausted",
            "Too many wrong codes, request a new code"
        )
    );
}

#[actix_web::test]
async fn too_many_wrong_codes_from_one_client_is_429() {
    let mut mocks = Mocks::new();
    mocks
        .throttle
        .expect_blocked_until()
        .returning(|_, _| Ok(Some(retry_at(900))));
    let app = start(mocks).await;

    let reply = send(&app, post_json(VERIFY, verify_body())).await;

    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), Some("900"));
}

#[actix_web::test]
async fn email_and_code_are_required() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, post_json(VERIFY, json!({"code": ""}))).await;

    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_fields",
            "Email is required; code is required",
            &["email", "code"]
        )
    );
}
