//! The `PushSender` contract (`account_test_support::senders`) against the FCM adapter and a
//! local stand-in of Google's token endpoint and `messages:send`: the receiving end is the
//! send requests it accepted.

use std::time::Duration;

use account_delivery_fcm::{FcmPushSender, FcmSettings, ServiceAccount};
use account_test_support::senders::{self, Inbox};
use async_trait::async_trait;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TEST_ONLY_PRIVATE_KEY: &str = include_str!("fixtures/test-only-service-account-key.pem");
const SEND_PATH: &str = "/v1/projects/lux-contract/messages:send";

struct StandIn(MockServer);

#[async_trait]
impl Inbox for StandIn {
    async fn received(&self) -> Vec<String> {
        let requests = self.0.received_requests().await.unwrap_or_default();
        requests
            .iter()
            .filter(|r| r.url.path() == SEND_PATH)
            .map(|r| String::from_utf8_lossy(&r.body).into_owned())
            .collect()
    }
}

#[tokio::test]
async fn push_contract() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "a", "expires_in": 3599})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "m/1"})))
        .mount(&server)
        .await;
    let account = ServiceAccount::from_json(
        &json!({
            "project_id": "lux-contract",
            "private_key": TEST_ONLY_PRIVATE_KEY,
            "client_email": "push@lux-contract.iam.gserviceaccount.com",
            "token_uri": format!("{}/token", server.uri()),
        })
        .to_string(),
    )
    .expect("key file");
    let mut settings = FcmSettings::new(account);
    settings.base_url = server.uri();
    settings.timeout = Duration::from_secs(5);
    let sender = FcmPushSender::new(settings).expect("sender");
    let inbox = StandIn(server);
    senders::push_a_notification_arrives_at_its_token(&sender, &inbox).await;
    senders::push_a_message_missing_a_parameter_is_refused_for_good(&sender, &inbox).await;
}
