//! An account deleted by another session while a request of its own is under way (after the
//! request was authenticated, before its write): the Lux settings answer `User not found`
//! (404), the service user routes `Deleted meanwhile` and `Deleted already` (404). The other
//! session holds SQLite's write lock with the deletion uncommitted until the request waits
//! for that lock, so the interleaving is the same on every run.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use diesel::{Connection, RunQueryDsl, SqliteConnection};
use serde_json::json;

use crate::fixtures::{Caller, signed_up};
use crate::helpers::{Backend, Reply, TestApp, http, send, with_bearer};

/// Sends `request` while another session deletes `account` in the store: the deletion is
/// written but not committed before the request starts, and committed a moment later.
async fn while_deleted<S, B>(
    test_app: &TestApp,
    app: &S,
    account: i64,
    request: TestRequest,
) -> Reply
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let path = test_app.config.data_dir.join("accounts.db");
    let (written, wait_for_write) = mpsc::channel();
    let other_session = thread::spawn(move || {
        let mut store = SqliteConnection::establish(&path.to_string_lossy()).expect("the store");
        for statement in [
            "PRAGMA busy_timeout = 5000".to_owned(),
            "BEGIN IMMEDIATE".to_owned(),
            format!("UPDATE accounts SET deleted_at = CURRENT_TIMESTAMP WHERE id = {account}"),
        ] {
            diesel::sql_query(statement)
                .execute(&mut store)
                .expect("the deletion");
        }
        written.send(()).expect("the test waits");
        thread::sleep(Duration::from_millis(2500));
        diesel::sql_query("COMMIT")
            .execute(&mut store)
            .expect("commit");
    });
    wait_for_write.recv().expect("the deletion is written");
    let reply = send(app, request).await;
    other_session.join().expect("the other session");
    reply
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_deleted_while_their_requests_wait_are_404() {
    let test_app = TestApp::new(Backend::Sqlite).await;
    let app = http(&test_app.services, &test_app.config).await;
    let lux = |caller: &Caller, path: &str, body: serde_json::Value| {
        with_bearer(TestRequest::patch().uri(path), &caller.token).set_json(body)
    };

    let muted = signed_up(&app, "muted@example.com").await;
    let notification = lux(
        &muted,
        "/api/v1/lux/user/notification",
        json!({"is_device_muted": 1, "is_basestation_alert_enabled": 1,
               "is_device_alim_talk_enabled": 1}),
    );
    let agreed = signed_up(&app, "agreed@example.com").await;
    let policy = lux(
        &agreed,
        "/api/v1/lux/user/policy",
        json!({"is_push_agree": true}),
    );
    for (caller, request) in [(muted, notification), (agreed, policy)] {
        let reply = while_deleted(&test_app, &app, caller.id, request).await;
        assert_eq!(
            (reply.status, reply.body),
            (StatusCode::NOT_FOUND, json!({"detail": "User not found"}))
        );
    }

    let emailed_code = async |caller: &Caller, email: &str| {
        let asked = send(
            &app,
            with_bearer(
                TestRequest::post().uri(&format!("/v1/account/auth?Email={email}")),
                &caller.token,
            ),
        )
        .await;
        assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
        test_app.emailed_code(email).await
    };
    let securing = signed_up(&app, "securing@example.com").await;
    let code = emailed_code(&securing, "securing@example.com").await;
    let security = with_bearer(
        TestRequest::put().uri(&format!("/v1/account/auth/update?Token={code}")),
        &securing.token,
    )
    .set_json(json!({"Password": "a brand new passphrase"}));
    let leaving = signed_up(&app, "leaving@example.com").await;
    let code = emailed_code(&leaving, "leaving@example.com").await;
    let deletion = with_bearer(
        TestRequest::delete().uri(&format!("/v1/account/delete?Token={code}")),
        &leaving.token,
    );
    for (caller, request) in [(securing, security), (leaving, deletion)] {
        let reply = while_deleted(&test_app, &app, caller.id, request).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
        assert!(reply.body["msg"].is_string(), "{}", reply.body);
    }
}
