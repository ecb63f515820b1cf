use account_domain::throttle::ThrottleKey;
use account_domain::values::Phone;
use account_domain::verification::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome};
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::{deleted, json, lux_error, root_user, signed_in, signed_in_then};
use crate::support::fixtures::{ACCOUNT_ID, PEER_IP, code_checks, counted, retry_at};
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
    let mut mocks = signed_in(root_user()).predictable_secrets();
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
    let throttle = mocks.throttle.clone();

    let reply = send_sms(mocks).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"statusCode": 200, "message": "SMS sent"})
    );
    // The send counts against the account, the client and the number.
    assert_eq!(
        throttle.names(),
        [
            format!("code-send:account:{}", ACCOUNT_ID.0),
            format!("code-send:ip:{PEER_IP}"),
            format!("code-send:target:{NEW_PHONE}"),
        ]
    );
    for name in throttle.names() {
        assert_eq!(throttle.count(&name), 1, "{name}");
    }
}

/// `+82 010-1234-5678` (the trunk `0` kept, as Koreans write it) is the same number as
/// `+821012345678`: the code goes to, and is bound to, the normalised one.
#[actix_web::test]
async fn a_number_written_with_the_trunk_prefix_is_normalised() {
    let mut mocks = signed_in(root_user()).predictable_secrets();
    mocks
        .codes
        .expect_issue()
        .withf(|code, _, _| code.target == format!("{}:{NEW_PHONE}", ACCOUNT_ID.0))
        .times(1)
        .returning(|_, _, _| Ok(IssueOutcome::Issued));
    let throttle = mocks.throttle.clone();
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(Method::POST, SEND, json!({"phone": "+82 010-1234-5678"})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(throttle.count(&format!("code-send:target:{NEW_PHONE}")), 1);
}

#[actix_web::test]
async fn a_resend_within_the_cooldown_is_429_with_retry_after() {
    let mut mocks = signed_in(root_user()).predictable_secrets();
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
    let mocks = signed_in(root_user());
    mocks.throttle.block(
        &ThrottleKey::new("code-send:target", NEW_PHONE),
        retry_at(3600),
    );

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

/// The documented change-phone request, answered by the code store with `outcome`; with the
/// attempts then counted against the client ([`counted`]).
async fn change_phone(outcome: AttemptOutcome) -> (Reply, Option<u32>) {
    let mut mocks = signed_in(root_user()).predictable_secrets();
    mocks.code_presented(
        CodePurpose::PhoneChange,
        format!("{}:{NEW_PHONE}", ACCOUNT_ID.0),
        CodeEffect::ChangePhone(new_phone()),
        outcome,
    );
    let throttle = mocks.throttle.clone();
    let app = start(mocks).await;
    let reply = send(
        &app,
        json(
            Method::POST,
            CHANGE,
            json!({"phone": "+821012345678", "validnum": "123456"}),
        ),
    )
    .await;
    (reply, counted(&throttle, &code_checks()))
}

#[actix_web::test]
async fn a_change_answers_the_documented_example() {
    let (reply, checks) = change_phone(AttemptOutcome::Accepted {
        account_id: Some(ACCOUNT_ID),
    })
    .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"statusCode": 200, "message": "Root user phone updated"})
    );
    assert_eq!(checks, Some(0), "the reserved check is given back");
}

#[actix_web::test]
async fn an_expired_or_used_up_code_is_validation_code_is_expired() {
    for outcome in [AttemptOutcome::Expired, AttemptOutcome::Exhausted] {
        let (reply, checks) = change_phone(outcome.clone()).await;

        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{outcome:?}");
        assert_eq!(reply.json, lux_error("Validation code is expired"));
        assert_eq!(checks, Some(0), "{outcome:?}");
    }
}

#[actix_web::test]
async fn a_wrong_code_is_validation_code_is_invalid() {
    for outcome in [
        AttemptOutcome::Mismatch { attempts_left: 3 },
        AttemptOutcome::NotFound,
    ] {
        let (reply, checks) = change_phone(outcome.clone()).await;

        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{outcome:?}");
        assert_eq!(reply.json, lux_error("Validation code is invalid"));
        assert_eq!(
            checks,
            Some(1),
            "a wrong code keeps its check counted: {outcome:?}"
        );
    }
}

#[actix_web::test]
async fn a_number_of_another_account_is_409() {
    let (reply, checks) = change_phone(AttemptOutcome::PhoneTaken).await;

    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json, lux_error("Phone number is already registered"));
    assert_eq!(checks, Some(0));
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
    let mocks = signed_in(root_user());
    mocks.throttle.block(
        &ThrottleKey::per_ip("code-check:ip", PEER_IP),
        retry_at(900),
    );
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
