//! The OAuth2 token endpoint's password grant (RFC 6749 4.3), on both stores: a form with the
//! right email and password gets a bearer access token and a refresh token.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;

use crate::fixtures::signed_up;
use crate::helpers::{Backend, TestApp, http, send, with_bearer};

async fn a_password_grant_issues_tokens_that_work(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    signed_up(&app, "granted@example.com").await;
    let granted = send(
        &app,
        TestRequest::post()
            .uri("/auth/accounts/token")
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(
                "grant_type=password&username=granted%40example.com&password=correct+horse+battery",
            ),
    )
    .await;
    assert_eq!(granted.status, StatusCode::OK, "{}", granted.body);
    assert_eq!(granted.body["token_type"], "bearer");
    assert!(granted.body["expires_in"].as_i64().is_some_and(|s| s > 0));
    assert!(
        granted.body["refresh_token"].is_string(),
        "{}",
        granted.body
    );
    let access = granted.body["access_token"]
        .as_str()
        .expect("an access token");
    let profile = send(
        &app,
        with_bearer(TestRequest::get().uri("/auth/accounts/profile"), access),
    )
    .await;
    assert_eq!(profile.status, StatusCode::OK, "{}", profile.body);
}

crate::on_both_stores!(a_password_grant_issues_tokens_that_work);
