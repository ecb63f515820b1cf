use account_domain::values::Phone;
use account_domain::verification::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome};
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::{deleted, json, lux_error, root_user, signed_in, signed_in_then};
use crate::support::fixtures::{ACCOUNT_ID, retry_at};
use crate::support::{Mocks, Reply, send, start};

const SEND: &str = "/api/v1/lux/user/send-sms";
const CHANGE: &str = "/api/v1/lux/user/change-phone";
const NEW_PHONE: &str = "+821012345678";

fn new_phone() -> Phone {
    Phone::parse(NEW_PHONE).unwrap()
}

async fn send_sms(mocks: Mocks) -> Reply {
    let app = start(mocks).await;
    send(&app, json(Method::POST, SEND, json!({"phone": NEW_PHONE}))).await
}

#[actix_web::test]
async fn an_sms_code_goes_to_the_new_number() {
    let mut mocks = signed_in(root_user()).not_throttled().predictable_secrets();
    mocks
        .codes
        .expect_issue()
        .withf(|code, _, message| {
            code.purpose == CodePurpose::PhoneChange
                && code.target == format!("{}:{NEW_PHONE}", ACCOUNT_ID.0)
                && code.account_id == Some(ACCOUNT_ID)
                && !message.suppressed
        })
        .times(1)
        .returning(|_, _, _| Ok(IssueOutcome::Issued));
    mocks
        .throttle
        .expect_hit()
        .times(3)
        .returning(|_, _, _| Ok(None));

    let reply = send_sms(mocks).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"statusCode": 200, "message": "SMS sent"})
    );
}

/// `+82 010-1234-5678` (the trunk `0` kept, as Koreans write it) is the same number as
/// `+821012345678`: the code goes to, and is bound to, the normalised one.
#[actix_web::test]
async fn a_number_written_with_the_trunk_prefix_is_normalised() {
    let mut mocks = signed_in(root_user()).not_throttled().predictable_secrets();
    mocks
        .codes
        .expect_issue()
        .withf(|code, _, _| code.target == format!("{}:{NEW_PHONE}", ACCOUNT_ID.0))
        .times(1)
        .returning(|_, _, _| Ok(IssueOutcome::Issued));
    mocks.throttle.expect_hit().returning(|_, _, _| Ok(None));
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(Method::POST, SEND, json!({"phone": "+82 010-1234-5678"})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
}

#[actix_web::test]
async fn a_resend_within_the_cooldown_is_429_with_retry_after() {
    let mut mocks = signed_in(root_user())
        .not_throttled()
        .admitting_attempts()
        .predictable_secrets();
    mocks.codes.expect_issue().returning(|_, _, _| {
        Ok(IssueOutcome::CoolingDown {
            retry_at: retry_at(60),
        })
    });

    let reply = send_sms(mocks).await;

    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), Some("60"));
    assert_eq!(
        reply.json,
        lux_error("SMS was sent recently. Please try again later.")
    );
}

#[actix_web::test]
async fn too_many_codes_is_429_with_retry_after() {
    let mut mocks = signed_in(root_user());
    mocks
        .throttle
        .expect_blocked_until()
        .returning(|_, _| Ok(Some(retry_at(3600))));

    let reply = send_sms(mocks).await;

    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), Some("3600"));
    assert_eq!(reply.json, lux_error("Too many requests"));
}

#[actix_web::test]
async fn sending_needs_an_e164_number() {
    let app = start(signed_in(root_user())).await;

    let reply = send(
        &app,
        json(Method::POST, SEND, json!({"phone": "010-1234-5678"})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        lux_error("Phone must be in E.164 form, for example +821012345678")
    );
}

#[actix_web::test]
async fn sending_for_an_account_deleted_meanwhile_is_403() {
    let reply = send_sms(signed_in_then(root_user(), Some(deleted(root_user())))).await;

    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json, lux_error("User previously deleted"));
}

/// The documented change-phone request, answered by the code store with `outcome`.
async fn change_phone(outcome: AttemptOutcome) -> Reply {
    let mut mocks = signed_in(root_user()).not_throttled().predictable_secrets();
    mocks.code_presented(
        CodePurpose::PhoneChange,
        format!("{}:{NEW_PHONE}", ACCOUNT_ID.0),
        CodeEffect::ChangePhone(new_phone()),
        outcome,
    );
    let app = start(mocks).await;
    send(
        &app,
        json(
            Method::POST,
            CHANGE,
            json!({"phone": "+821012345678", "validnum": "123456"}),
        ),
    )
    .await
}

#[actix_web::test]
async fn a_change_answers_the_documented_example() {
    let reply = change_phone(AttemptOutcome::Accepted {
        account_id: Some(ACCOUNT_ID),
    })
    .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"statusCode": 200, "message": "Root user phone updated"})
    );
}

#[actix_web::test]
async fn an_expired_or_used_up_code_is_validation_code_is_expired() {
    for outcome in [AttemptOutcome::Expired, AttemptOutcome::Exhausted] {
        let reply = change_phone(outcome.clone()).await;

        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{outcome:?}");
        assert_eq!(reply.json, lux_error("Validation code is expired"));
    }
}

#[actix_web::test]
async fn a_wrong_code_is_validation_code_is_invalid() {
    for outcome in [
        AttemptOutcome::Mismatch { attempts_left: 3 },
        AttemptOutcome::NotFound,
    ] {
        let reply = change_phone(outcome.clone()).await;

        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{outcome:?}");
        assert_eq!(reply.json, lux_error("Validation code is invalid"));
    }
}

#[actix_web::test]
async fn a_number_of_another_account_is_409() {
    let reply = change_phone(AttemptOutcome::PhoneTaken).await;

    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json, lux_error("Phone number is already registered"));
}

#[actix_web::test]
async fn an_account_deleted_meanwhile_is_403_user_previously_deleted() {
    let mut mocks = signed_in_then(root_user(), Some(deleted(root_user())));
    mocks.tx.expect_lock_current_code().never();
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(
            Method::POST,
            CHANGE,
            json!({"phone": NEW_PHONE, "validnum": "123456"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json, lux_error("User previously deleted"));
}

#[actix_web::test]
async fn a_change_without_a_code_is_validation_code_is_invalid() {
    let mut mocks = signed_in(root_user());
    mocks.tx.expect_lock_current_code().never();
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(Method::POST, CHANGE, json!({"phone": NEW_PHONE})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json, lux_error("Validation code is invalid"));
}

#[actix_web::test]
async fn too_many_wrong_codes_is_429_with_retry_after() {
    let mut mocks = signed_in(root_user());
    mocks
        .throttle
        .expect_blocked_until()
        .returning(|_, _| Ok(Some(retry_at(900))));
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(
            Method::POST,
            CHANGE,
            json!({"phone": NEW_PHONE, "validnum": "123456"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), Some("900"));
    assert_eq!(reply.json, lux_error("Too many requests"));
}

#[actix_web::test]
async fn a_withdrawn_accounts_token_is_403_user_previously_deleted() {
    let reply = send_sms(signed_in(deleted(root_user()))).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json, lux_error("User previously deleted"));

    let app = start(signed_in(deleted(root_user()))).await;
    let reply = send(
        &app,
        json(
            Method::POST,
            CHANGE,
            json!({"phone": NEW_PHONE, "validnum": "123456"}),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json, lux_error("User previously deleted"));
}
