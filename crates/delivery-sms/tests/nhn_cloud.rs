//! `NhnCloudSmsSender` against an in-process fake of NHN Cloud's SMS (API v3.0) and AlimTalk
//! (API v2.3) endpoints: the requests must be the documented ones, and the documented answers
//! (failures inside HTTP 200 included) must be classified as the outbox needs.

use std::time::Duration;

use account_delivery_sms::{NhnCloudSmsSender, NhnCloudSmsSettings};
use account_domain::delivery::{
    IdempotencyKey, Locale, MessageParams, SmsKind, SmsMessage, SmsSender, TemplateId,
};
use account_domain::outbox::DeliveryError;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

const SMS_PATH: &str = "/sms/v3.0/appKeys/sms-app-key/sender/sms";
const MMS_PATH: &str = "/sms/v3.0/appKeys/sms-app-key/sender/mms";
const TALK_PATH: &str = "/alimtalk/v2.3/appkeys/talk-app-key/messages";

fn settings(server: &MockServer) -> NhnCloudSmsSettings {
    let mut settings = NhnCloudSmsSettings::new(
        "sms-app-key",
        "sms-secret",
        "15446859",
        "talk-app-key",
        "talk-secret",
        "sender-key-0123456789",
    );
    settings.sms_base_url = server.uri();
    settings.alimtalk_base_url = server.uri();
    settings.long_message_title = "Lux".to_owned();
    settings.timeout = Duration::from_secs(5);
    settings
}

fn sender(server: &MockServer) -> NhnCloudSmsSender {
    NhnCloudSmsSender::new(settings(server)).expect("sender")
}

fn phone_code(kind: SmsKind, code: &str) -> SmsMessage {
    SmsMessage {
        to: "+821012345678".to_owned(),
        kind,
        template: TemplateId::PhoneCode,
        locale: Locale::Ko,
        params: MessageParams::new()
            .plain("minutes", "3")
            .secret("code", code),
    }
}

fn key() -> IdempotencyKey {
    IdempotencyKey("outbox-42".to_owned())
}

/// The documented success answer of `sender/sms` and `sender/mms`.
fn sms_accepted() -> Value {
    json!({
        "header": {"isSuccessful": true, "resultCode": 0, "resultMessage": "SUCCESS"},
        "body": {"data": {
            "requestId": "20260101000000abcdefghij0",
            "statusCode": "2",
            "senderGroupingKey": "outbox-42",
            "sendResultList": [{
                "recipientNo": "01012345678",
                "resultCode": 0,
                "resultMessage": "SUCCESS",
                "recipientSeq": 1,
                "recipientGroupingKey": "outbox-42"
            }]
        }}
    })
}

fn failure(code: i64, message: &str) -> Value {
    json!({
        "header": {"isSuccessful": false, "resultCode": code, "resultMessage": message},
        "body": null
    })
}

/// The documented success answer of the alim talk send.
fn talk_accepted() -> Value {
    json!({
        "header": {"resultCode": 0, "resultMessage": "success", "isSuccessful": true},
        "message": {
            "requestId": "20260101000000ALIMTALK0",
            "senderGroupingKey": "outbox-42",
            "sendResults": [{
                "recipientSeq": 1,
                "recipientNo": "01012345678",
                "resultCode": 0,
                "resultMessage": "SUCCESS",
                "recipientGroupingKey": "outbox-42"
            }]
        }
    })
}

/// The documented `sender/sms` body; `sender/mms` adds a title.
fn sms_request(text: &str, title: Option<&str>) -> Value {
    let mut body = json!({
        "body": text,
        "sendNo": "15446859",
        "senderGroupingKey": "outbox-42",
        "recipientList": [{
            "recipientNo": "01012345678",
            "countryCode": "82",
            "recipientGroupingKey": "outbox-42"
        }]
    });
    if let Some(title) = title {
        body["title"] = json!(title);
    }
    body
}

/// Expects exactly one call matching `request`, answers it with `accepted`, and sends
/// `message`, which must succeed.
async fn send_expecting(
    server: &MockServer,
    request: MockBuilder,
    accepted: Value,
    message: &SmsMessage,
) {
    request
        .respond_with(ResponseTemplate::new(200).set_body_json(accepted))
        .expect(1)
        .mount(server)
        .await;
    sender(server).send_sms(message, &key()).await.unwrap();
}

/// Answers every call to `at` with `response`.
async fn answer(server: &MockServer, at: &str, response: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(at))
        .respond_with(response)
        .mount(server)
        .await;
}

/// Sends a phone code of `kind` and returns the error it must end in.
async fn send_failing(server: &MockServer, kind: SmsKind) -> DeliveryError {
    sender(server)
        .send_sms(&phone_code(kind, "482913"), &key())
        .await
        .unwrap_err()
}

#[tokio::test]
async fn an_sms_is_posted_as_documented_and_accepted() {
    let server = MockServer::start().await;
    let message = phone_code(SmsKind::Sms, "482913");
    let text = account_templates::render_sms(&message).unwrap();
    let request = Mock::given(method("POST"))
        .and(path(SMS_PATH))
        .and(header("X-Secret-Key", "sms-secret"))
        .and(header("Content-Type", "application/json;charset=UTF-8"))
        .and(body_json(sms_request(&text, None)));
    send_expecting(&server, request, sms_accepted(), &message).await;
}

#[tokio::test]
async fn a_text_longer_than_one_sms_goes_as_an_lms_with_a_title() {
    let server = MockServer::start().await;
    let message = phone_code(SmsKind::Sms, &"7".repeat(100));
    let text = account_templates::render_sms(&message).unwrap();
    assert!(text.len() > 90, "the test needs a long text: {text}");
    let request = Mock::given(method("POST"))
        .and(path(MMS_PATH))
        .and(header("X-Secret-Key", "sms-secret"))
        .and(body_json(sms_request(&text, Some("Lux"))));
    send_expecting(&server, request, sms_accepted(), &message).await;
}

#[tokio::test]
async fn failures_reported_inside_http_200_are_classified_by_result_code() {
    let mut refused_recipient = sms_accepted();
    refused_recipient["body"]["data"]["sendResultList"][0]["resultCode"] = json!(-2001);
    let cases = [
        (
            "invalid app key",
            SmsKind::Sms,
            SMS_PATH,
            failure(-1000, "Invalid appKey."),
            false,
        ),
        (
            "refused recipient",
            SmsKind::Sms,
            SMS_PATH,
            refused_recipient,
            false,
        ),
        (
            "system error",
            SmsKind::Sms,
            SMS_PATH,
            failure(-9999, "System error."),
            true,
        ),
        (
            "no template",
            SmsKind::AlimTalk,
            TALK_PATH,
            failure(-3003, "Template does not exist"),
            false,
        ),
        (
            "daily volume",
            SmsKind::AlimTalk,
            TALK_PATH,
            failure(-1017, "Daily volume"),
            true,
        ),
    ];
    for (case, kind, at, body, transient) in cases {
        let server = MockServer::start().await;
        answer(&server, at, ResponseTemplate::new(200).set_body_json(body)).await;

        let error = send_failing(&server, kind).await;
        assert_eq!(
            matches!(error, DeliveryError::Transient(_)),
            transient,
            "{case}: {error:?}"
        );
    }
}

#[tokio::test]
async fn a_server_error_is_transient() {
    let server = MockServer::start().await;
    answer(&server, SMS_PATH, ResponseTemplate::new(500)).await;

    let error = send_failing(&server, SmsKind::Sms).await;
    assert!(
        matches!(&error, DeliveryError::Transient(m) if m.contains("500")),
        "{error:?}"
    );
}

#[tokio::test]
async fn throttling_is_transient_and_keeps_retry_after() {
    let server = MockServer::start().await;
    let throttled = ResponseTemplate::new(429).insert_header("Retry-After", "7");
    answer(&server, SMS_PATH, throttled).await;

    let error = send_failing(&server, SmsKind::Sms).await;
    assert!(
        matches!(&error, DeliveryError::RetryAfter { retry_after, .. } if *retry_after == Duration::from_secs(7)),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_alim_talk_is_posted_with_its_template_variables_fallback_and_idempotency_key() {
    let server = MockServer::start().await;
    let message = phone_code(SmsKind::AlimTalk, "482913");
    let talk = account_templates::alim_talk(&message).unwrap();
    let request = Mock::given(method("POST"))
        .and(path(TALK_PATH))
        .and(header("X-Secret-Key", "talk-secret"))
        .and(header("X-NC-API-IDEMPOTENCY-KEY", "outbox-42"))
        .and(header("Content-Type", "application/json;charset=UTF-8"))
        .and(body_json(json!({
            "senderKey": "sender-key-0123456789",
            "templateCode": talk.template_code,
            "senderGroupingKey": "outbox-42",
            "recipientList": [{
                "recipientNo": "01012345678",
                "templateParameter": talk.variables,
                "resendParameter": {
                    "isResend": true,
                    "resendType": "SMS",
                    "resendContent": talk.fallback_text,
                    "resendSendNo": "15446859"
                },
                "recipientGroupingKey": "outbox-42"
            }]
        })));
    send_expecting(&server, request, talk_accepted(), &message).await;
}

#[tokio::test]
async fn an_alim_talk_repeating_a_recent_idempotency_key_counts_as_delivered() {
    let server = MockServer::start().await;
    let repeat = failure(
        -1005,
        "The same 'X-NC-API-IDEMPOTENCY-KEY' was used within the last 10 minute.",
    );
    answer(
        &server,
        TALK_PATH,
        ResponseTemplate::new(200).set_body_json(repeat),
    )
    .await;

    sender(&server)
        .send_sms(&phone_code(SmsKind::AlimTalk, "482913"), &key())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_number_outside_korea_is_refused_without_a_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(sms_accepted()))
        .expect(0)
        .mount(&server)
        .await;
    let mut message = phone_code(SmsKind::Sms, "482913");
    message.to = "+14155550100".to_owned();

    let error = sender(&server)
        .send_sms(&message, &key())
        .await
        .unwrap_err();
    assert!(matches!(error, DeliveryError::Permanent(_)), "{error:?}");
}

#[tokio::test]
async fn an_unreachable_provider_is_transient() {
    let server = MockServer::start().await;
    let mut settings = settings(&server);
    drop(server);
    settings.sms_base_url = "http://127.0.0.1:9".to_owned();
    let sender = NhnCloudSmsSender::new(settings).unwrap();

    let error = sender
        .send_sms(&phone_code(SmsKind::Sms, "482913"), &key())
        .await
        .unwrap_err();
    assert!(matches!(error, DeliveryError::Transient(_)), "{error:?}");
}
