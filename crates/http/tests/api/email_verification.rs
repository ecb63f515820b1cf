use account_domain::throttle::ThrottleKey;
use account_domain::verification::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome};
use actix_web::http::StatusCode;
use serde_json::json;

use crate::support::fixtures::{PEER_IP, account, code_checks, counted, retry_at};
use crate::support::{Mocks, Reply, am_error, am_field_error, post_json, send, start};

const SEND: &str = "/auth/accounts/email/code";
const VERIFY: &str = "/auth/accounts/email/verify";

fn sending(account_exists: bool) -> Mocks {
    let mut mocks = Mocks::new().predictable_secrets();
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
        let throttle = mocks.throttle.clone();
        let app = start(mocks).await;

        let reply = send(&app, post_json(SEND, json!({"email": "User@Example.com"}))).await;

        assert_eq!(
            reply.status,
            StatusCode::OK,
            "account exists: {account_exists}"
        );
        assert_eq!(reply.json, json!({"success": true}));
        // The send counts against the client and the address alike.
        assert_eq!(
            throttle.names(),
            [
                format!("code-send:ip:{PEER_IP}"),
                "code-send:target:user@example.com".to_owned(),
            ]
        );
        for name in throttle.names() {
            assert_eq!(throttle.count(&name), 1, "{name}");
        }
    }
}

#[actix_web::test]
async fn a_resend_within_the_cooldown_is_429_with_retry_after() {
    let mut mocks = sending(true);
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
    let mocks = Mocks::new();
    mocks.throttle.block(
        &ThrottleKey::per_ip("code-send:ip", PEER_IP),
        retry_at(3600),
    );
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
    let mut mocks = Mocks::new().predictable_secrets();
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

/// Presents the code to a store whose check ends with `outcome`: the reply, and the attempts
/// then counted against the client ([`counted`]).
async fn verify(outcome: AttemptOutcome) -> (Reply, Option<u32>) {
    let mocks = verifying(outcome);
    let throttle = mocks.throttle.clone();
    let app = start(mocks).await;
    let reply = send(&app, post_json(VERIFY, verify_body())).await;
    (reply, counted(&throttle, &code_checks()))
}

#[actix_web::test]
async fn the_right_code_verifies_the_email() {
    let (reply, checks) = verify(AttemptOutcome::Accepted {
        account_id: Some(account().id),
    })
    .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json, json!({"success": true}));
    assert_eq!(checks, Some(0), "the reserved check is given back");
}

#[actix_web::test]
async fn a_wrong_code_is_400_invalid_code() {
    let (reply, checks) = verify(AttemptOutcome::Mismatch { attempts_left: 3 }).await;

    assert_eq!(reply.json, am_error(400, "invalid_code", "Invalid code"));
    assert_eq!(checks, Some(1), "a wrong code keeps its check counted");
}

#[actix_web::test]
async fn an_expired_code_is_400_code_expired() {
    let (reply, checks) = verify(AttemptOutcome::Expired).await;

    assert_eq!(reply.json, am_error(400, "code_expired", "Code expired"));
    assert_eq!(checks, Some(0));
}

#[actix_web::test]
async fn a_code_without_attempts_left_is_400_asking_for_a_new_one() {
    let (reply, checks) = verify(AttemptOutcome::Exhausted).await;

    assert_eq!(
        reply.json,
        am_error(
            400,
            "code_attempts_exhausted",
            "Too many wrong codes, request a new code"
        )
    );
    assert_eq!(checks, Some(0));
}

#[actix_web::test]
async fn too_many_wrong_codes_from_one_client_is_429() {
    let mocks = Mocks::new();
    mocks.throttle.block(
        &ThrottleKey::per_ip("code-check:ip", PEER_IP),
        retry_at(900),
    );
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
