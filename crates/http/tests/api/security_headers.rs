//! Response headers every answer carries (ASVS 3.4.4, 14.3.2), and the `/docs` page that loads
//! nothing from outside the service, under its content security policy.

use account_domain::UnexpectedError;
use account_domain::auth::{SessionId, TokenError};
use account_http::routes::docs::{SCALAR_PATH, UI_PATH};
use actix_web::http::header::ContentType;
use actix_web::http::{Method, StatusCode};
use actix_web::test::TestRequest;
use serde_json::json;

use crate::lux::{authed, json, root_user, signed_in};
use crate::support::fixtures::session;
use crate::support::{Mocks, Reply, get, post, request, send, start};

fn assert_nosniff(reply: &Reply, what: &str) {
    assert_eq!(
        reply.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
}

fn assert_no_store(reply: &Reply, what: &str) {
    assert_eq!(reply.header("cache-control"), Some("no-store"), "{what}");
}

#[actix_web::test]
async fn every_answer_says_nosniff_and_no_store_successes_and_errors_alike() {
    let mut mocks = Mocks::new();
    mocks
        .health
        .expect_ping()
        .returning(|| Err(UnexpectedError::new("pool timed out")));
    let app = start(mocks).await;

    let malformed = post("/auth/accounts/register")
        .insert_header(ContentType::json())
        .set_payload(r#"{"email": "#);
    let cases: [(&str, TestRequest, StatusCode); 6] = [
        ("live", get("/health/live"), StatusCode::OK),
        (
            "ready",
            get("/health/ready"),
            StatusCode::SERVICE_UNAVAILABLE,
        ),
        ("unknown path", get("/nowhere"), StatusCode::NOT_FOUND),
        (
            "unknown path in a seed",
            get("/auth/accounts/unknown"),
            StatusCode::NOT_FOUND,
        ),
        (
            "wrong method",
            get("/auth/accounts/login"),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        ("malformed JSON", malformed, StatusCode::BAD_REQUEST),
    ];
    for (what, request, status) in cases {
        let reply = send(&app, request).await;

        assert_eq!(reply.status, status, "{what}");
        assert_nosniff(&reply, what);
        assert_no_store(&reply, what);
    }
}

#[actix_web::test]
async fn lux_body_errors_say_nosniff() {
    let app = start(signed_in(root_user())).await;

    let reply = send(
        &app,
        json(
            Method::PATCH,
            "/api/v1/lux/user/notification",
            json!({"is_device_muted": "loud"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_nosniff(&reply, "lux 400");
    assert_no_store(&reply, "lux 400");
}

/// Account 1 signed in, with what the routes below read.
fn signed_in_with_data() -> Mocks {
    let mut mocks = signed_in(root_user());
    mocks.notifications.expect_find().returning(|_| Ok(None));
    mocks.children.expect_find().returning(|_| Ok(None));
    mocks
        .sessions
        .expect_list_active()
        .returning(|_, _| Ok(vec![session(SessionId(10))]));
    mocks.tx.expect_revoke_sessions().returning(|_, _, _| Ok(0));
    mocks.devices.expect_provision().never();
    mocks
}

#[actix_web::test]
async fn every_authenticated_answer_is_no_store_in_each_seed() {
    let app = start(signed_in_with_data()).await;

    let cases = [
        (Method::GET, "/api/v1/lux/user/me", StatusCode::OK),
        (
            Method::GET,
            "/api/v1/lux/user/real-user/1",
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/api/v1/lux/user/real-user/one",
            StatusCode::BAD_REQUEST,
        ),
        (Method::GET, "/api/v1/lux/nowhere", StatusCode::NOT_FOUND),
        (Method::GET, "/auth/accounts/sessions", StatusCode::OK),
        (
            Method::DELETE,
            "/auth/accounts/sessions/99",
            StatusCode::NOT_FOUND,
        ),
        (Method::GET, "/auth/accounts/profile", StatusCode::OK),
        (
            Method::PATCH,
            "/auth/accounts/profile",
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (Method::POST, "/admin/devices", StatusCode::FORBIDDEN),
    ];
    for (method, uri, status) in cases {
        let what = format!("{method} {uri}");
        let request = if method == Method::POST {
            json(method, uri, json!([]))
        } else {
            authed(method, uri)
        };

        let reply = send(&app, request).await;

        assert_eq!(reply.status, status, "{what}");
        assert_no_store(&reply, &what);
        assert_nosniff(&reply, &what);
    }
}

#[actix_web::test]
async fn a_refused_token_is_answered_no_store() {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .returning(|_, _| Err(TokenError::Invalid));
    let app = start(mocks).await;

    for uri in ["/api/v1/lux/user/me", "/auth/accounts/sessions"] {
        let reply = send(&app, authed(Method::GET, uri)).await;

        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_no_store(&reply, uri);
    }
}

#[actix_web::test]
async fn an_authenticated_request_for_the_bundle_is_not_stored_either() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, authed(Method::GET, SCALAR_PATH)).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_no_store(&reply, SCALAR_PATH);
}

/// The values of every `src` and `href` attribute of an HTML page.
fn linked_urls(html: &str) -> Vec<&str> {
    ["src=\"", "href=\"", "src='", "href='"]
        .iter()
        .flat_map(|opening| {
            let quote = &opening[opening.len() - 1..];
            html.match_indices(opening).filter_map(move |(at, _)| {
                let value = &html[at + opening.len()..];
                value.find(quote).map(|end| &value[..end])
            })
        })
        .collect()
}

#[actix_web::test]
async fn the_docs_page_loads_only_the_services_own_bundle_under_a_strict_policy() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, get(UI_PATH)).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(linked_urls(&reply.text), [SCALAR_PATH]);
    assert!(!reply.text.contains("<link"), "{}", reply.text);
    let policy = reply.header("content-security-policy").unwrap_or_default();
    for directive in [
        "default-src 'none'",
        "script-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ] {
        assert!(
            policy.split(';').any(|d| d.trim() == directive),
            "{directive} in {policy}"
        );
    }
    assert!(!policy.contains("unsafe-eval"), "{policy}");
    assert!(!policy.contains("http"), "{policy}");
    assert_nosniff(&reply, UI_PATH);
}

#[actix_web::test]
async fn the_bundle_is_served_as_javascript_and_cached_for_good() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, get(SCALAR_PATH)).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        reply.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_nosniff(&reply, SCALAR_PATH);
    assert!(reply.text.starts_with("(function(){"));
    assert!(reply.text.contains("createApiReference"));
}

#[actix_web::test]
async fn the_bundle_path_is_a_known_route() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, request(Method::POST, SCALAR_PATH)).await;

    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.header("allow"), Some("GET"));
}
