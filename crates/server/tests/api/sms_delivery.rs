//! `sms_sender = "nhn"` on the real binary: a phone code asked for through the Lux API reaches
//! a local stand-in of NHN Cloud's SMS API (the documented request, answered as NHN does), and
//! the code it carried changes the phone. The code is never in the service's log.

use serde_json::{Value, json};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{LoggedService, six_digits};
use crate::http_client::{request, request_as};

const SMS_PATH: &str = "/sms/v3.0/appKeys/e2e-sms-app/sender/sms";

fn token_of(port: u16, email: &str) -> String {
    let body = format!(r#"{{"email":"{email}","password":"correct horse battery","name":"Kim"}}"#);
    let registered =
        request(port, "POST", "/auth/accounts/register", Some(&body)).expect("register");
    assert_eq!(registered.status, 201, "{}", registered.body);
    let login = format!(r#"{{"email":"{email}","password":"correct horse battery"}}"#);
    let reply = request(port, "POST", "/auth/accounts/login", Some(&login)).expect("login");
    let value: Value = serde_json::from_str(&reply.body).expect("json");
    value["accessToken"].as_str().expect("token").to_owned()
}

/// What the stand-in received on the SMS endpoint, as JSON.
async fn sms_requests(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == SMS_PATH)
        .filter_map(|r| serde_json::from_slice(&r.body).ok())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_code_reaches_nhn_cloud_and_changes_the_phone() {
    let nhn = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SMS_PATH))
        .and(header("X-Secret-Key", "e2e-sms-secret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "header": {"isSuccessful": true, "resultCode": 0, "resultMessage": "SUCCESS"},
            "body": {"data": {"requestId": "e2e-1", "statusCode": "2", "sendResultList": [
                {"recipientNo": "01012345678", "resultCode": 0, "resultMessage": "SUCCESS"}
            ]}}
        })))
        .mount(&nhn)
        .await;
    let config = format!(
        "sms_sender = \"nhn\"\nnhn_sms_base_url = \"{uri}\"\nnhn_alimtalk_base_url = \"{uri}\"\n\
         nhn_sms_app_key = \"e2e-sms-app\"\nnhn_sms_secret_key = \"e2e-sms-secret\"\n\
         nhn_send_no = \"0215446859\"\noutbox_poll_millis = 200\n",
        uri = nhn.uri()
    );
    let service = LoggedService::start(|dir| {
        std::fs::write(dir.join("account-service.toml"), &config).expect("config file");
    });
    let log = service.log();
    assert!(
        log.lines()
            .any(|l| l.contains("senders per channel") && l.contains("sms=\"nhn\"")),
        "{log}"
    );
    assert!(!log.contains("e2e-sms-secret"), "{log}");

    let token = token_of(service.port, "phone@example.com");
    let asked = request_as(
        service.port,
        "POST",
        "/api/v1/lux/user/send-sms",
        Some(r#"{"phone":"+821012345678"}"#),
        Some(&token),
    )
    .expect("send-sms");
    assert_eq!(asked.status, 200, "{}", asked.body);

    let mut sent = Vec::new();
    for _ in 0..100 {
        sent = sms_requests(&nhn).await;
        if !sent.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(
        sent.len(),
        1,
        "one SMS reached NHN Cloud:\n{}",
        service.log()
    );
    let sms = &sent[0];
    assert_eq!(sms["sendNo"], "0215446859");
    assert_eq!(sms["recipientList"][0]["recipientNo"], "01012345678");
    assert!(
        sms["senderGroupingKey"]
            .as_str()
            .is_some_and(|k| k.starts_with("outbox-")),
        "{sms}"
    );
    let code = six_digits(sms["body"].as_str().expect("a text")).expect("a code in the text");

    let changed = request_as(
        service.port,
        "POST",
        "/api/v1/lux/user/change-phone",
        Some(&format!(
            r#"{{"phone":"+821012345678","validnum":"{code}"}}"#
        )),
        Some(&token),
    )
    .expect("change-phone");
    assert_eq!(changed.status, 200, "{}", changed.body);
    let log = service.stop();
    assert!(!log.contains(&code), "the code is in the log:\n{log}");
    assert!(!log.contains("e2e-sms-secret"), "{log}");
}

/// An SMS NHN Cloud cannot take (a number outside Korea: refused before any call) ends dead;
/// the operator sees it with `outbox list` and queues it again with `outbox retry ID`.
#[test]
fn an_operator_lists_a_dead_message_and_queues_it_again() {
    let config = "sms_sender = \"nhn\"\nnhn_sms_base_url = \"http://127.0.0.1:9\"\n\
         nhn_sms_app_key = \"app\"\nnhn_sms_secret_key = \"secret\"\nnhn_send_no = \"0215446859\"\n\
         outbox_poll_millis = 200\n";
    let service = LoggedService::start(|dir| {
        std::fs::write(dir.join("account-service.toml"), config).expect("config file");
    });
    let token = token_of(service.port, "abroad@example.com");
    let asked = request_as(
        service.port,
        "POST",
        "/api/v1/lux/user/send-sms",
        Some(r#"{"phone":"+14155550123"}"#),
        Some(&token),
    )
    .expect("send-sms");
    assert_eq!(asked.status, 200, "{}", asked.body);

    let mut listed = String::new();
    let dead = crate::helpers::eventually(std::time::Duration::from_secs(20), || {
        let (ok, out) = service.operate(&["outbox", "list"]);
        listed = out;
        ok && listed.contains("not a Korean mobile number")
    });
    assert!(dead, "{listed}\n{}", service.log());
    assert!(
        listed.contains("sms") && listed.contains("phone_code"),
        "{listed}"
    );
    let line = listed
        .lines()
        .find(|l| l.contains("phone_code"))
        .expect("the dead message");
    let id = line.split_whitespace().next().expect("its id");
    let (ok, out) = service.operate(&["outbox", "retry", id]);
    assert!(ok && out.contains("queued again"), "{out}");
    let (ok, out) = service.operate(&["outbox", "retry", "987654"]);
    assert!(!ok && out.contains("no dead outbox message"), "{out}");
}
