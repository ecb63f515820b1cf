//! A message FCM refused for good is dead; an ADMIN finds it in `/admin/outbox` and queues it
//! again (204), after which it is no dead message any more (404), on both stores.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use crate::fixtures::admin;
use crate::helpers::{Backend, TestApp, http, send, with_bearer};
use crate::push_delivery::{fcm_config, fcm_stand_in, push_to};

async fn an_admin_queues_a_dead_push_again(backend: Backend) {
    let fcm = fcm_stand_in("fcm:gone-install").await;
    let test_app = TestApp::with_config(backend, |config| fcm_config(config, &fcm)).await;
    let app = http(&test_app.services, &test_app.config).await;
    let boss = admin(&test_app, &app, "outbox@example.com").await;
    test_app
        .repositories()
        .outbox
        .enqueue(&push_to("fcm:gone-install"), chrono::Utc::now())
        .await
        .expect("queued");
    let dispatcher = &test_app.services.dispatcher;
    dispatcher.run_once().await.expect("dispatch");

    let outbox = send(
        &app,
        with_bearer(TestRequest::get().uri("/admin/outbox"), &boss.token),
    )
    .await;
    assert_eq!(outbox.status, StatusCode::OK, "{}", outbox.body);
    let dead = outbox.body["dead"][0]["id"].clone();
    let id = dead
        .as_str()
        .map_or_else(|| dead.to_string(), str::to_owned);
    let retry = || {
        with_bearer(
            TestRequest::post().uri(&format!("/admin/outbox/{id}/retry")),
            &boss.token,
        )
    };
    let queued = send(&app, retry()).await;
    assert_eq!(queued.status, StatusCode::NO_CONTENT, "{}", outbox.body);
    let again = send(&app, retry()).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "{}", again.body);
    assert_eq!(
        (&again.body["code"], &again.body["error"]),
        (&json!(40400), &json!("dead_message_not_found"))
    );
}

crate::on_both_stores!(an_admin_queues_a_dead_push_again);
