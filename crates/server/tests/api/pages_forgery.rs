//! The pages' forms refuse a post that is not the browser's own (see `pages/csrf.rs`): no
//! form-token cookie, a field that differs from it, or a post the browser marks as sent from
//! another site changes nothing, even with the right reset token; the browser's own post then
//! works.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap};
use actix_web::test::{self, TestRequest};
use serde_json::json;

use crate::helpers::{Backend, TestApp, http, post_json, send};

const EMAIL: &str = "forged@example.com";
const NEW_PASSWORD: &str = "a brand new passphrase";

/// The form token the page's cookie carries.
fn form_token(headers: &HeaderMap) -> String {
    let cookie = headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("a form cookie");
    let (pair, _) = cookie.split_once(';').expect("attributes");
    pair.strip_prefix("page_csrf=")
        .expect("page_csrf")
        .to_owned()
}

#[actix_web::test]
async fn a_post_that_is_not_the_browsers_own_changes_nothing() {
    let test_app = TestApp::new(Backend::Sqlite).await;
    let app = http(&test_app.services, &test_app.config).await;
    let body = json!({"email": EMAIL, "password": "the first passphrase", "name": "F"});
    let created = send(&app, post_json("/auth/accounts/register", body)).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let asked = send(
        &app,
        post_json("/auth/accounts/reset/request", json!({"email": EMAIL})),
    )
    .await;
    assert_eq!(asked.status, StatusCode::OK);
    let token = test_app.emailed_code(EMAIL).await;

    let page = crate::status_record::call(
        &app,
        TestRequest::get().uri(&format!("/reset-password?email={EMAIL}&token={token}")),
    )
    .await;
    assert_eq!(page.status(), StatusCode::OK);
    let form_token = form_token(page.headers());
    let cookie = format!("page_csrf={form_token}");
    let form = |field: &str| {
        TestRequest::post()
            .uri("/reset-password")
            .insert_header((header::ACCEPT_LANGUAGE, "en"))
            .set_form(json!({
                "email": EMAIL, "token": token, "csrf": field,
                "password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
            }))
    };
    let status_and_page = async |request: TestRequest| {
        let response = crate::status_record::call(&app, request).await;
        let status = response.status();
        let body = test::read_body(response).await;
        (status, String::from_utf8_lossy(&body).into_owned())
    };

    let refused = [
        form(&form_token),
        form("0123456789abcdef0123456789abcdef").insert_header((header::COOKIE, cookie.clone())),
        form(&form_token)
            .insert_header((header::COOKIE, cookie.clone()))
            .insert_header(("sec-fetch-site", "cross-site")),
    ];
    for request in refused {
        let (status, page) = status_and_page(request).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
        assert!(page.contains("This form has expired"), "{page}");
    }

    let (status, page) = status_and_page(
        form(&form_token)
            .insert_header((header::COOKIE, cookie))
            .insert_header(("sec-fetch-site", "same-origin")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Your password was changed"), "{page}");
}
