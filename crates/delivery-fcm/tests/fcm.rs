//! `FcmPushSender` against an in-process fake of Google's token endpoint and FCM's
//! `messages:send`, speaking the documented requests and answers. The service-account key is
//! the test-only one in `tests/fixtures/`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use account_delivery_fcm::{FcmPushSender, FcmSettings, IDEMPOTENCY_DATA_KEY, ServiceAccount};
use account_domain::delivery::{
    IdempotencyKey, Locale, MessageParams, PushError, PushMessage, PushSender, TemplateId,
};
use account_domain::outbox::DeliveryError;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TEST_ONLY_PRIVATE_KEY: &str = include_str!("fixtures/test-only-service-account-key.pem");
const TEST_ONLY_PUBLIC_KEY: &str = include_str!("fixtures/test-only-service-account-key.pub.pem");
const CLIENT_EMAIL: &str = "push@lux-test.iam.gserviceaccount.com";
const SEND_PATH: &str = "/v1/projects/lux-test/messages:send";
const FCM_SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";

fn token_uri(server: &MockServer) -> String {
    format!("{}/token", server.uri())
}

fn sender(server: &MockServer) -> FcmPushSender {
    let account = ServiceAccount::from_json(
        &json!({
            "type": "service_account",
            "project_id": "lux-test",
            "private_key_id": "test-key-1",
            "private_key": TEST_ONLY_PRIVATE_KEY,
            "client_email": CLIENT_EMAIL,
            "token_uri": token_uri(server),
        })
        .to_string(),
    )
    .unwrap();
    let mut settings = FcmSettings::new(account);
    settings.base_url = server.uri();
    settings.timeout = Duration::from_secs(5);
    FcmPushSender::new(settings).expect("sender")
}

fn device_claimed() -> PushMessage {
    PushMessage {
        token: "fcm-registration-token-1".to_owned(),
        template: TemplateId::DeviceClaimed,
        locale: Locale::En,
        params: MessageParams::new()
            .plain("child_name", "Mina")
            .plain("device_alias", "living room"),
    }
}

fn key() -> IdempotencyKey {
    IdempotencyKey("outbox-7".to_owned())
}

/// The token request is the documented JWT bearer grant, and its assertion is signed RS256 by
/// the service account's key for FCM's scope, addressed to the token endpoint, valid one hour
/// at most.
fn is_valid_token_request(request: &Request, token_uri: &str) -> bool {
    let body = String::from_utf8_lossy(&request.body);
    let mut grant = None;
    let mut assertion = None;
    for pair in body.split('&') {
        match pair.split_once('=') {
            Some(("grant_type", value)) => grant = Some(value),
            Some(("assertion", value)) => assertion = Some(value),
            _ => {}
        }
    }
    if grant != Some("urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer") {
        return false;
    }
    let Some(assertion) = assertion else {
        return false;
    };
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[token_uri]);
    validation.set_issuer(&[CLIENT_EMAIL]);
    validation.set_required_spec_claims(&["exp", "iss", "aud"]);
    let key = DecodingKey::from_rsa_pem(TEST_ONLY_PUBLIC_KEY.as_bytes()).unwrap();
    let Ok(decoded) = jsonwebtoken::decode::<Value>(assertion, &key, &validation) else {
        return false;
    };
    let claims = decoded.claims;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let iat = claims["iat"].as_u64().unwrap_or(0);
    let exp = claims["exp"].as_u64().unwrap_or(0);
    decoded.header.kid.as_deref() == Some("test-key-1")
        && claims["scope"] == FCM_SCOPE
        && iat.abs_diff(now) < 60
        && exp > now
        && exp - iat <= 3600
}

/// The token endpoint: checks the assertion and hands out `access_token`, `times` times at
/// most (any number when `None`).
async fn token_endpoint(server: &MockServer, access_token: &str, times: Option<u64>) {
    let uri = token_uri(server);
    let mock = Mock::given(method("POST"))
        .and(path("/token"))
        .and(header("Content-Type", "application/x-www-form-urlencoded"))
        .and(move |request: &Request| is_valid_token_request(request, &uri))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": access_token,
            "expires_in": 3599,
            "token_type": "Bearer"
        })));
    match times {
        Some(n) => mock.up_to_n_times(n).expect(n).mount(server).await,
        None => mock.mount(server).await,
    }
}

/// `messages:send` answering every call with `response`.
async fn send_answers(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(response)
        .mount(server)
        .await;
}

fn fcm_error(code: u16, status: &str, fcm_code: &str, message: &str) -> Value {
    json!({"error": {"code": code, "message": message, "status": status, "details": [
        {"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": fcm_code}
    ]}})
}

#[tokio::test]
async fn a_signed_assertion_buys_a_token_that_serves_two_sends() {
    let server = MockServer::start().await;
    token_endpoint(&server, "access-1", Some(1)).await;
    let message = device_claimed();
    let rendered = account_templates::render_push(&message).unwrap();
    let mut data = json!(rendered.data);
    data[IDEMPOTENCY_DATA_KEY] = json!("outbox-7");
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(header("Authorization", "Bearer access-1"))
        .and(body_json(json!({"message": {
            "token": "fcm-registration-token-1",
            "notification": {"title": rendered.title, "body": rendered.body},
            "data": data
        }})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"name": "projects/lux-test/messages/0:1"})),
        )
        .expect(2)
        .mount(&server)
        .await;

    let sender = sender(&server);
    sender.send_push(&message, &key()).await.unwrap();
    sender.send_push(&message, &key()).await.unwrap();
}

#[tokio::test]
async fn concurrent_sends_share_one_token_exchange() {
    let server = MockServer::start().await;
    let uri = token_uri(&server);
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(move |request: &Request| is_valid_token_request(request, &uri))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "access-1", "expires_in": 3599}))
                .set_delay(Duration::from_millis(200)),
        )
        .expect(1)
        .mount(&server)
        .await;
    send_answers(&server, ResponseTemplate::new(200).set_body_json(json!({}))).await;

    let sender = sender(&server);
    let (message, key) = (device_claimed(), key());
    let (a, b, c) = tokio::join!(
        sender.send_push(&message, &key),
        sender.send_push(&message, &key),
        sender.send_push(&message, &key),
    );
    assert!(a.is_ok() && b.is_ok() && c.is_ok(), "{a:?} {b:?} {c:?}");
}

#[tokio::test]
async fn a_refused_access_token_is_refreshed_once_and_the_send_retried() {
    let server = MockServer::start().await;
    token_endpoint(&server, "access-old", Some(1)).await;
    token_endpoint(&server, "access-new", Some(1)).await;
    let unauthenticated = fcm_error(401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR", "expired");
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(header("Authorization", "Bearer access-old"))
        .respond_with(ResponseTemplate::new(401).set_body_json(unauthenticated))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(header("Authorization", "Bearer access-new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;

    sender(&server)
        .send_push(&device_claimed(), &key())
        .await
        .unwrap();
}

/// Whether an error is the one a case expects.
type Expectation = fn(&PushError) -> bool;

/// What each documented failure of `messages:send` becomes.
#[tokio::test]
async fn send_failures_are_classified() {
    let unregistered = fcm_error(
        404,
        "NOT_FOUND",
        "UNREGISTERED",
        "Requested entity was not found.",
    );
    let mut invalid_token = fcm_error(
        400,
        "INVALID_ARGUMENT",
        "INVALID_ARGUMENT",
        "The registration token is not a valid FCM registration token",
    );
    invalid_token["error"]["details"].as_array_mut().unwrap().push(json!({
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        "fieldViolations": [{"field": "message.token", "description": "Invalid registration token"}]
    }));
    let invalid_data = fcm_error(
        400,
        "INVALID_ARGUMENT",
        "INVALID_ARGUMENT",
        "Invalid data payload",
    );
    let quota = fcm_error(
        429,
        "RESOURCE_EXHAUSTED",
        "QUOTA_EXCEEDED",
        "Quota exceeded.",
    );
    let unavailable = fcm_error(
        503,
        "UNAVAILABLE",
        "UNAVAILABLE",
        "The service is unavailable.",
    );
    let cases: [(&str, ResponseTemplate, Expectation); 5] = [
        (
            "unregistered",
            ResponseTemplate::new(404).set_body_json(unregistered),
            |e| *e == PushError::TokenGone,
        ),
        (
            "invalid token",
            ResponseTemplate::new(400).set_body_json(invalid_token),
            |e| *e == PushError::TokenGone,
        ),
        (
            "invalid data",
            ResponseTemplate::new(400).set_body_json(invalid_data),
            |e| matches!(e, PushError::Delivery(DeliveryError::Permanent(_))),
        ),
        (
            "quota",
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "30")
                .set_body_json(quota),
            |e| matches!(e, PushError::Delivery(DeliveryError::RetryAfter { retry_after, .. }) if *retry_after == Duration::from_secs(30)),
        ),
        (
            "unavailable",
            ResponseTemplate::new(503).set_body_json(unavailable),
            |e| matches!(e, PushError::Delivery(DeliveryError::Transient(_))),
        ),
    ];
    for (case, response, expected) in cases {
        let server = MockServer::start().await;
        token_endpoint(&server, "access-1", None).await;
        send_answers(&server, response).await;

        let error = sender(&server)
            .send_push(&device_claimed(), &key())
            .await
            .unwrap_err();
        assert!(expected(&error), "{case}: {error:?}");
    }
}

#[tokio::test]
async fn a_refused_service_account_is_permanent_and_a_token_endpoint_outage_transient() {
    let cases = [
        (
            400,
            json!({"error": "invalid_grant", "error_description": "Invalid JWT Signature."}),
            false,
        ),
        (503, json!({}), true),
    ];
    for (status, body, transient) in cases {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/token"))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
            .mount(&server)
            .await;
        send_answers(&server, ResponseTemplate::new(200)).await;

        let error = sender(&server)
            .send_push(&device_claimed(), &key())
            .await
            .unwrap_err();
        let PushError::Delivery(error) = error else {
            panic!("{status}: {error:?}");
        };
        assert_eq!(
            matches!(error, DeliveryError::Transient(_)),
            transient,
            "{status}: {error:?}"
        );
    }
}

#[test]
fn a_key_that_is_not_rsa_pem_is_refused_at_start_up() {
    let account = ServiceAccount {
        project_id: "lux-test".to_owned(),
        client_email: CLIENT_EMAIL.to_owned(),
        private_key: "not a key".to_owned(),
        private_key_id: None,
        token_uri: "http://127.0.0.1:9/token".to_owned(),
    };
    assert!(FcmPushSender::new(FcmSettings::new(account)).is_err());
}
