//! Bad requests that never reach a use case: they get 4xx in the account-management shape.

use account_http::HttpSettings;
use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use serde_json::json;

use crate::support::{
    Mocks, am_error, generic_error, get, post, post_json, send, start, start_with,
};

const REGISTER: &str = "/auth/accounts/register";

#[actix_web::test]
async fn malformed_json_is_400_invalid_request() {
    let app = start(Mocks::new()).await;

    let reply = send(
        &app,
        post(REGISTER)
            .insert_header(ContentType::json())
            .set_payload(r#"{"email": "#),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        am_error(
            400,
            "invalid_request",
            "Malformed JSON: EOF while parsing a value at line 1 column 10"
        )
    );
}

#[actix_web::test]
async fn a_json_body_that_is_not_an_object_is_400() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, post_json(REGISTER, json!(["user@example.com"]))).await;

    assert_eq!(
        reply.json,
        am_error(400, "invalid_request", "Request body must be a JSON object")
    );
}

#[actix_web::test]
async fn a_wrong_content_type_is_415() {
    let app = start(Mocks::new()).await;

    let text = send(
        &app,
        post(REGISTER)
            .insert_header(ContentType::plaintext())
            .set_payload("{}"),
    )
    .await;
    let none = send(&app, post(REGISTER).set_payload("{}")).await;

    assert_eq!(text.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        text.json,
        am_error(
            415,
            "unsupported_media_type",
            "Content-Type must be application/json"
        )
    );
    assert_eq!(none.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[actix_web::test]
async fn a_body_over_64_kib_is_413() {
    let app = start(Mocks::new()).await;
    let padding = "x".repeat(HttpSettings::DEFAULT_BODY_LIMIT);

    let reply = send(
        &app,
        post_json(REGISTER, json!({"email": "a@example.com", "name": padding})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        reply.json,
        am_error(
            413,
            "payload_too_large",
            "Request body is larger than 65536 bytes"
        )
    );
}

#[actix_web::test]
async fn the_body_limit_is_configurable_for_json_and_forms() {
    let app = start_with(
        Mocks::new(),
        HttpSettings {
            body_limit: 32,
            ..HttpSettings::default()
        },
    )
    .await;

    let json_reply = send(
        &app,
        post_json(
            REGISTER,
            json!({"email": "a-rather-long-address@example.com"}),
        ),
    )
    .await;
    let form_reply = send(
        &app,
        post("/auth/accounts/token")
            .set_form(json!({"grant_type": "password", "username": "someone@example.com"})),
    )
    .await;

    assert_eq!(
        json_reply.json,
        am_error(
            413,
            "payload_too_large",
            "Request body is larger than 32 bytes"
        )
    );
    assert_eq!(form_reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        form_reply.json,
        json!({"error": "invalid_request", "error_description": "Request body is larger than 32 bytes"}),
        "the token endpoint answers in RFC 6749's shape"
    );
}

#[actix_web::test]
async fn an_unknown_route_is_404() {
    let app = start(Mocks::new()).await;

    for uri in ["/nothing/here", "/auth/accounts/nothing"] {
        let reply = send(&app, get(uri)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        let expected = if uri.starts_with("/auth/accounts") {
            am_error(404, "not_found", "Not Found")
        } else {
            generic_error(404, "not_found", "Not Found")
        };
        assert_eq!(reply.json, expected, "{uri}");
    }
}

#[actix_web::test]
async fn a_wrong_method_is_405_with_allow() {
    let app = start(Mocks::new()).await;

    let register = send(&app, get(REGISTER)).await;
    let sessions = send(&app, post("/auth/accounts/sessions")).await;

    assert_eq!(register.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(register.header("allow"), Some("POST"));
    assert_eq!(
        register.json,
        am_error(405, "method_not_allowed", "Method Not Allowed")
    );
    assert_eq!(sessions.header("allow"), Some("GET, DELETE"));
}
