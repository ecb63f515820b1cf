//! The `SmsSender` contract (`account_test_support::senders`) against NHN Cloud's adapter and
//! a local stand-in of its SMS API: the receiving end is the request bodies it accepted.

use std::time::Duration;

use account_delivery_sms::{NhnCloudSmsSender, NhnCloudSmsSettings};
use account_test_support::senders::{self, Inbox};
use async_trait::async_trait;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SMS_PATH: &str = "/sms/v3.0/appKeys/contract-app/sender/sms";

struct StandIn(MockServer);

#[async_trait]
impl Inbox for StandIn {
    async fn received(&self) -> Vec<String> {
        let requests = self.0.received_requests().await.unwrap_or_default();
        requests
            .iter()
            .map(|r| String::from_utf8_lossy(&r.body).into_owned())
            .collect()
    }
}

#[tokio::test]
async fn sms_contract() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SMS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "header": {"isSuccessful": true, "resultCode": 0, "resultMessage": "SUCCESS"},
            "body": {"data": {"requestId": "r1", "statusCode": "2", "sendResultList": [
                {"recipientNo": "01012345678", "resultCode": 0, "resultMessage": "SUCCESS"}
            ]}}
        })))
        .mount(&server)
        .await;
    let mut settings = NhnCloudSmsSettings::new(
        "contract-app",
        "secret",
        "15446859",
        "talk",
        "secret",
        "key",
    );
    settings.sms_base_url = server.uri();
    settings.alimtalk_base_url = server.uri();
    settings.timeout = Duration::from_secs(5);
    let sender = NhnCloudSmsSender::new(settings).expect("sender");
    let inbox = StandIn(server);
    senders::sms_a_phone_code_arrives_with_its_code(&sender, &inbox, "01012345678").await;
    senders::sms_a_message_missing_a_parameter_is_refused_for_good(&sender, &inbox).await;
}
