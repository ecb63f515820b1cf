//! `push_sender = "fcm"` wired: a push queued for an install's token goes through a local
//! stand-in of Google's token endpoint and FCM's `messages:send`; a token FCM answers
//! `UNREGISTERED` for is deleted and its message given up. On both stores.

use std::path::Path;

use account_domain::delivery::{Locale, MessageParams, PushMessage, TemplateId};
use account_domain::outbox::OutgoingMessage;
use account_server::config::{Config, SenderChoice};
use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{Backend, TestApp, http, post_json, send, with_bearer};

pub const SEND_PATH: &str = "/v1/projects/lux-e2e/messages:send";

/// A service-account key file for the stand-in at `server` (the test-only key of
/// `account-delivery-fcm`'s fixtures), written into `dir`.
pub fn service_account_file(dir: &Path, server: &MockServer) -> std::path::PathBuf {
    let key = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../delivery-fcm/tests/fixtures/test-only-service-account-key.pem"),
    )
    .expect("the test-only key");
    let file = dir.join("fcm-service-account.json");
    let json = json!({
        "type": "service_account",
        "project_id": "lux-e2e",
        "private_key_id": "e2e-key",
        "private_key": key,
        "client_email": "push@lux-e2e.iam.gserviceaccount.com",
        "token_uri": format!("{}/token", server.uri()),
    });
    std::fs::write(&file, json.to_string()).expect("key file");
    file
}

/// The stand-in: the token endpoint hands out one access token; `messages:send` accepts every
/// token but `gone`, which it answers `UNREGISTERED`.
pub async fn fcm_stand_in(gone: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "e2e-access", "expires_in": 3599, "token_type": "Bearer"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(body_partial_json(json!({"message": {"token": gone}})))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": {
            "code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND",
            "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                         "errorCode": "UNREGISTERED"}]
        }})))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"name": "projects/lux-e2e/messages/1"})),
        )
        .mount(&server)
        .await;
    server
}

/// Configures `push_sender = "fcm"` against `server`.
pub fn fcm_config(config: &mut Config, server: &MockServer) {
    config.push_sender = SenderChoice::Fcm;
    config.fcm_service_account_file = Some(service_account_file(&config.data_dir, server));
    config.fcm_base_url = server.uri();
}

/// The FCM tokens the stand-in was asked to send to, in order.
pub async fn pushed_tokens(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == SEND_PATH)
        .filter_map(|r| serde_json::from_slice::<Value>(&r.body).ok())
        .filter_map(|b| b["message"]["token"].as_str().map(str::to_owned))
        .collect()
}

pub fn push_to(token: &str) -> OutgoingMessage {
    OutgoingMessage::Push(PushMessage {
        token: token.to_owned(),
        template: TemplateId::DeviceClaimed,
        locale: Locale::En,
        params: MessageParams::new()
            .plain("child_name", "Mina")
            .plain("device_alias", "living room"),
    })
}

async fn a_push_reaches_fcm_and_a_gone_token_is_deleted(backend: Backend) {
    let fcm = fcm_stand_in("fcm:gone-install").await;
    let test_app = TestApp::with_config(backend, |config| fcm_config(config, &fcm)).await;
    let app = http(&test_app.services, &test_app.config).await;
    let body =
        json!({"email": "push@example.com", "password": "correct horse battery", "name": "Kim"});
    let created = send(&app, post_json("/auth/accounts/register", body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let login = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": "push@example.com", "password": "correct horse battery"}),
        ),
    )
    .await;
    let token = login.body["accessToken"]
        .as_str()
        .expect("token")
        .to_owned();
    let agreed = send(
        &app,
        with_bearer(TestRequest::patch().uri("/api/v1/lux/user/policy"), &token)
            .set_json(json!({"is_push_agree": true})),
    )
    .await;
    assert_eq!(agreed.status, StatusCode::OK, "{}", agreed.body);
    let set = send(
        &app,
        with_bearer(
            TestRequest::post().uri("/api/v1/lux/user/push/set-token"),
            &token,
        )
        .set_json(json!({"token": "fcm:gone-install"})),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let repos = test_app.repositories();
    let account = repos
        .accounts
        .find_by_email(&account_domain::values::Email::parse("push@example.com").expect("email"))
        .await
        .expect("read")
        .expect("the account");
    let now = chrono::Utc::now();
    assert_eq!(
        repos
            .push_tokens
            .list_for_account(account.id, now)
            .await
            .expect("tokens")
            .len(),
        1
    );

    repos
        .outbox
        .enqueue(&push_to("fcm:live-install"), now)
        .await
        .expect("queued");
    repos
        .outbox
        .enqueue(&push_to("fcm:gone-install"), now)
        .await
        .expect("queued");
    let dispatcher = &test_app.services.dispatcher;
    assert_eq!(dispatcher.run_once().await.expect("dispatch"), 1);

    assert_eq!(
        pushed_tokens(&fcm).await,
        ["fcm:live-install", "fcm:gone-install"]
    );
    assert!(
        repos
            .push_tokens
            .list_for_account(account.id, now)
            .await
            .expect("tokens")
            .is_empty(),
        "the token FCM no longer knows is deleted"
    );
    assert!(
        repos.outbox.pending().await.expect("outbox").is_empty(),
        "neither message waits: one sent, one given up"
    );
}

/// The access token of `email`, registered now with `password`.
async fn signed_up<S, B>(app: &S, email: &str) -> String
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let password = "correct horse battery";
    let body = json!({"email": email, "password": password, "name": "Kim"});
    let created = send(app, post_json("/auth/accounts/register", body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let login = send(
        app,
        post_json(
            "/auth/accounts/login",
            json!({"email": email, "password": password}),
        ),
    )
    .await;
    login.body["accessToken"]
        .as_str()
        .expect("token")
        .to_owned()
}

/// The FCM messages the stand-in was asked to send: (token, title, body), in order.
async fn pushed(server: &MockServer) -> Vec<(String, String, String)> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == SEND_PATH)
        .filter_map(|r| serde_json::from_slice::<Value>(&r.body).ok())
        .map(|b| {
            let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            let message = &b["message"];
            (
                text(&message["token"]),
                text(&message["notification"]["title"]),
                text(&message["notification"]["body"]),
            )
        })
        .collect()
}

async fn a_server_pushes_to_a_users_installs_as_consent_and_mute_allow(backend: Backend) {
    use account_domain::accounts::RoleService;
    use account_domain::clock::SystemClock;
    use account_domain::notifications::NotificationSettings;
    use account_domain::values::{Email, Role, Roles};

    let fcm = fcm_stand_in("fcm:gone-install").await;
    let test_app = TestApp::with_config(backend, |config| fcm_config(config, &fcm)).await;
    let app = http(&test_app.services, &test_app.config).await;
    let repos = test_app.repositories();

    let user = signed_up(&app, "listener@example.com").await;
    let agreed = send(
        &app,
        with_bearer(TestRequest::patch().uri("/api/v1/lux/user/policy"), &user)
            .set_json(json!({"is_push_agree": true})),
    )
    .await;
    assert_eq!(agreed.status, StatusCode::OK, "{}", agreed.body);
    let set = send(
        &app,
        with_bearer(
            TestRequest::post().uri("/api/v1/lux/user/push/set-token"),
            &user,
        )
        .set_json(json!({"token": "fcm:listener-phone"})),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let listener = repos
        .accounts
        .find_by_email(&Email::parse("listener@example.com").expect("email"))
        .await
        .expect("read")
        .expect("the account");

    signed_up(&app, "pusher@example.com").await;
    RoleService::new(
        repos.accounts.clone(),
        repos.unit_of_work.clone(),
        std::sync::Arc::new(SystemClock),
    )
    .set_roles(
        &Email::parse("pusher@example.com").expect("email"),
        Roles::new([Role::Server, Role::User]),
    )
    .await
    .expect("SERVER");
    let server = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": "pusher@example.com", "password": "correct horse battery"}),
        ),
    )
    .await
    .body["accessToken"]
        .as_str()
        .expect("token")
        .to_owned();
    let push = |kind: &str| {
        with_bearer(TestRequest::post().uri("/admin/push"), &server).set_json(json!({
            "userId": listener.id.0, "kind": kind,
            "title": "Firmware update", "body": "A new firmware is ready."
        }))
    };

    // A user may not push; a notice goes out, a marketing push needs marketing consent.
    let refused = send(
        &app,
        with_bearer(TestRequest::post().uri("/admin/push"), &user)
            .set_json(json!({"userId": 1, "kind": "notice", "title": "t", "body": "b"})),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let notice = send(&app, push("notice")).await;
    assert_eq!(notice.status, StatusCode::OK, "{}", notice.body);
    assert_eq!(notice.body["queued"].as_array().map(Vec::len), Some(1));
    assert_eq!(notice.body["skipped"], json!([]));
    let marketing = send(&app, push("marketing")).await;
    assert_eq!(marketing.status, StatusCode::OK, "{}", marketing.body);
    assert_eq!(marketing.body["queued"], json!([]));
    assert_eq!(
        marketing.body["skipped"][0]["reason"],
        "no_marketing_consent"
    );

    assert_eq!(
        test_app
            .services
            .dispatcher
            .run_once()
            .await
            .expect("dispatch"),
        1
    );
    assert_eq!(
        pushed(&fcm).await,
        [(
            "fcm:listener-phone".to_owned(),
            "Firmware update".to_owned(),
            "A new firmware is ready.".to_owned()
        )]
    );

    // Muted devices get nothing.
    let muted = NotificationSettings {
        is_device_muted: true,
        ..NotificationSettings::default()
    };
    assert!(
        repos
            .notifications
            .save(listener.id, &muted, chrono::Utc::now())
            .await
            .expect("mute")
    );
    let silenced = send(&app, push("notice")).await;
    assert_eq!(
        silenced.body["skipped"][0]["reason"], "muted",
        "{}",
        silenced.body
    );
    assert!(repos.outbox.pending().await.expect("outbox").is_empty());
}

crate::on_both_stores!(
    a_push_reaches_fcm_and_a_gone_token_is_deleted,
    a_server_pushes_to_a_users_installs_as_consent_and_mute_allow,
);
