//! An ADMIN cannot restore an account deleted longer ago than the retention period: 410
//! `retention_over`. The deletion is dated back in the SQLite store, as if the days had
//! passed.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use diesel::{Connection, RunQueryDsl, SqliteConnection};
use serde_json::json;

use crate::fixtures::{admin, signed_up, withdrawn};
use crate::helpers::{Backend, TestApp, http, send, with_bearer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_deleted_past_the_retention_is_gone_for_good() {
    let test_app = TestApp::new(Backend::Sqlite).await;
    let app = http(&test_app.services, &test_app.config).await;
    let boss = admin(&test_app, &app, "keeper@example.com").await;
    let gone = signed_up(&app, "long-gone@example.com").await;
    withdrawn(&app, &gone).await;

    let path = test_app.config.data_dir.join("accounts.db");
    let mut store = SqliteConnection::establish(&path.to_string_lossy()).expect("the store");
    let dated = diesel::sql_query(format!(
        "UPDATE accounts SET deleted_at = '2000-01-01 00:00:00.000000' WHERE id = {}",
        gone.id
    ))
    .execute(&mut store)
    .expect("dated back");
    assert_eq!(dated, 1);

    let restore = send(
        &app,
        with_bearer(
            TestRequest::post().uri(&format!("/admin/accounts/{}/restore", gone.id)),
            &boss.token,
        ),
    )
    .await;
    assert_eq!(restore.status, StatusCode::GONE, "{}", restore.body);
    assert_eq!(
        (&restore.body["code"], &restore.body["error"]),
        (&json!(41000), &json!("retention_over"))
    );
}
