//! Password care end to end on both stores: a change ends every access token issued before it
//! and every other session; a deletion asks the password again and ends everything.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, http, post_json, send, with_bearer};

const EMAIL: &str = "careful@example.com";
const OLD: &str = "correct horse battery";
const NEW: &str = "a brand new passphrase";

fn text(body: &Value, key: &str) -> String {
    body[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {body}"))
        .to_owned()
}

async fn changing_the_password_ends_older_tokens_and_other_sessions(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let created = send(
        &app,
        post_json(
            "/auth/accounts/register",
            json!({"email": EMAIL, "password": OLD, "name": "Care Ful"}),
        ),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let log_in = |password: &'static str| {
        send(
            &app,
            post_json(
                "/auth/accounts/login",
                json!({"email": EMAIL, "password": password}),
            ),
        )
    };
    let here = log_in(OLD).await.body;
    let elsewhere = log_in(OLD).await.body;
    let (access, refresh) = (text(&here, "accessToken"), text(&here, "refreshToken"));

    let verify = |password: &'static str| {
        with_bearer(
            TestRequest::post().uri("/auth/accounts/password/verify"),
            &access,
        )
        .set_json(json!({"email": EMAIL, "password": password}))
    };
    assert_eq!(send(&app, verify(OLD)).await.status, StatusCode::OK);
    let wrong = send(&app, verify("not my password")).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.body["message"], "Invalid password");

    // The access token must outlive the change by at least a second: "not before" has
    // one-second precision in the token.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let changed = send(
        &app,
        with_bearer(TestRequest::patch().uri("/auth/accounts/password"), &access)
            .set_json(json!({"email": EMAIL, "password": OLD, "newPassword": NEW})),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body, json!({"success": true}));

    let profile =
        |token: &str| with_bearer(TestRequest::get().uri("/auth/accounts/profile"), token);
    assert_eq!(
        send(&app, profile(&access)).await.status,
        StatusCode::UNAUTHORIZED,
        "the access token issued before the change stops working"
    );
    let refresh_with = |token: String| {
        send(
            &app,
            post_json("/auth/accounts/refresh", json!({"refreshToken": token})),
        )
    };
    assert_eq!(
        refresh_with(text(&elsewhere, "refreshToken")).await.status,
        StatusCode::UNAUTHORIZED,
        "the other session ended"
    );
    let renewed = refresh_with(refresh).await;
    assert_eq!(
        renewed.status,
        StatusCode::OK,
        "this session goes on: {}",
        renewed.body
    );
    assert_eq!(
        send(&app, profile(&text(&renewed.body, "accessToken")))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(log_in(OLD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(log_in(NEW).await.status, StatusCode::OK);
}

async fn deleting_the_account_asks_the_password_again(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let created = send(
        &app,
        post_json(
            "/auth/accounts/register",
            json!({"email": EMAIL, "password": OLD, "name": "Care Ful"}),
        ),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let session = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": EMAIL, "password": OLD}),
        ),
    )
    .await;
    let access = text(&session.body, "accessToken");
    let delete = |password: &'static str| {
        with_bearer(TestRequest::delete().uri("/auth/accounts"), &access)
            .set_json(json!({"email": EMAIL, "password": password}))
    };

    let refused = send(&app, delete("password")).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        refused.body,
        json!({"status": 401, "code": 40100, "message": "Invalid password", "detail": ""})
    );
    let deleted = send(&app, delete(OLD)).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert_eq!(deleted.body, json!({"success": true}));

    let again = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": EMAIL, "password": OLD}),
        ),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    let refreshed = send(
        &app,
        post_json(
            "/auth/accounts/refresh",
            json!({"refreshToken": text(&session.body, "refreshToken")}),
        ),
    )
    .await;
    assert_eq!(refreshed.status, StatusCode::UNAUTHORIZED);
    let reused = send(
        &app,
        post_json(
            "/auth/accounts/register",
            json!({"email": EMAIL, "password": OLD, "name": "Care Ful"}),
        ),
    )
    .await;
    assert_eq!(
        reused.status,
        StatusCode::CREATED,
        "the address is free again"
    );
}

crate::on_both_stores!(
    changing_the_password_ends_older_tokens_and_other_sessions,
    deleting_the_account_asks_the_password_again,
);
