//! The errors every Lux endpoint shares, in the Lux shape.

use account_domain::UnexpectedError;
use account_domain::auth::TokenError;
use account_http::HttpSettings;
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::{authed, deleted, json, lux_error, raw_json, root_user, signed_in};
use crate::support::{Mocks, get, send, start, start_with, with_token};

const ME: &str = "/api/v1/lux/user/me";
const ROOT_USER: &str = "/api/v1/lux/user/root-user";

#[actix_web::test]
async fn an_unknown_lux_path_is_404_resource_not_found() {
    let app = start(Mocks::new()).await;

    for uri in [
        "/api/v1/lux/user/nothing",
        "/api/v1/lux/device/nothing",
        "/api/v1/lux/nothing/at/all",
        "/api/v1/lux",
    ] {
        let reply = send(&app, with_token(get(uri))).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(reply.json, lux_error("Resource not found"), "{uri}");
    }
}

#[actix_web::test]
async fn a_wrong_method_is_405_in_the_lux_shape() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, authed(Method::POST, ME)).await;
    let root_user = send(&app, authed(Method::GET, ROOT_USER)).await;

    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.header("allow"), Some("GET"));
    assert_eq!(reply.json, lux_error("Method Not Allowed"));
    assert_eq!(root_user.header("allow"), Some("PATCH, DELETE"));
}

#[actix_web::test]
async fn a_missing_or_malformed_token_could_not_be_validated() {
    let app = start(Mocks::new()).await;

    let missing = send(&app, get(ME)).await;
    let basic = send(
        &app,
        get(ME).insert_header(("Authorization", "Basic dXNlcg==")),
    )
    .await;

    for reply in [missing, basic] {
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.json, lux_error("Could not validate credentials"));
    }
}

#[actix_web::test]
async fn a_bad_token_could_not_be_validated() {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .returning(|_, _| Err(TokenError::Invalid));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, ME)).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, lux_error("Could not validate credentials"));
}

#[actix_web::test]
async fn an_expired_token_is_token_is_expired() {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .returning(|_, _| Err(TokenError::Expired));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, ME)).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, lux_error("Token is expired"));
}

#[actix_web::test]
async fn a_token_of_an_ended_session_could_not_be_validated() {
    let mut mocks = signed_in(root_user());
    mocks.sessions.checkpoint();
    mocks
        .sessions
        .expect_find_with_account()
        .returning(|_| Ok(None));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, ME)).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, lux_error("Could not validate credentials"));
}

#[actix_web::test]
async fn a_token_of_a_missing_or_deleted_account_is_user_is_none_or_deleted() {
    let gone = start(signed_in(deleted(root_user()))).await;
    let missing = { start(super::signed_in_to_nothing()).await };

    let deleted_reply = send(&gone, authed(Method::DELETE, ROOT_USER)).await;
    let missing_reply = send(
        &missing,
        authed(Method::PATCH, ROOT_USER).set_json(serde_json::json!({"first_name": "james"})),
    )
    .await;

    assert_eq!(deleted_reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(deleted_reply.json, lux_error("User is Deleted"));
    assert_eq!(missing_reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(missing_reply.json, lux_error("User is None"));
}

#[actix_web::test]
async fn malformed_json_is_400_in_the_lux_shape() {
    let app = start(signed_in(root_user())).await;

    let reply = send(
        &app,
        raw_json(Method::PATCH, ROOT_USER, r#"{"first_name": "#),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        lux_error("Malformed JSON: EOF while parsing a value at line 1 column 15")
    );
}

#[actix_web::test]
async fn a_wrong_type_is_400_naming_the_field() {
    let app = start(signed_in(root_user())).await;

    let reply = send(
        &app,
        json(Method::PATCH, ROOT_USER, json!({"first_name": 1})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        lux_error("Invalid value for first_name: invalid type: integer `1`, expected a string")
    );
}

#[actix_web::test]
async fn a_body_that_is_not_an_object_is_400() {
    let app = start(signed_in(root_user())).await;

    let reply = send(&app, json(Method::PATCH, ROOT_USER, json!(["james"]))).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json, lux_error("Request body must be a JSON object"));
}

#[actix_web::test]
async fn an_oversized_or_non_json_body_is_4xx_in_the_lux_shape() {
    let app = start_with(
        signed_in(root_user()),
        HttpSettings {
            body_limit: 32,
            ..HttpSettings::default()
        },
    )
    .await;

    let big = send(
        &app,
        json(
            Method::PATCH,
            ROOT_USER,
            json!({"first_name": "a-rather-long-first-name-indeed"}),
        ),
    )
    .await;
    let text = send(
        &app,
        authed(Method::PATCH, ROOT_USER)
            .insert_header(("Content-Type", "text/plain"))
            .set_payload("{}"),
    )
    .await;

    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(big.json, lux_error("Request body is larger than 32 bytes"));
    assert_eq!(text.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        text.json,
        lux_error("Content-Type must be application/json")
    );
}

#[actix_web::test]
async fn an_unexpected_failure_is_500_without_its_cause() {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .returning(|_, _| Ok(crate::support::fixtures::claims()));
    mocks
        .sessions
        .expect_find_with_account()
        .returning(|_| Err(UnexpectedError::new("connection refused by db-7")));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, ME)).await;

    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        reply.json,
        lux_error("Internal server error. Please try again later.")
    );
    assert!(!reply.text.contains("db-7"));
}

#[actix_web::test]
async fn paths_outside_lux_keep_their_own_shape() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, get("/api/v1/luxury")).await;

    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json["error"], "not_found");
}
