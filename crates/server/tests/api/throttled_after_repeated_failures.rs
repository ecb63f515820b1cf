//! The throttles no other test reaches, on both stores: repeated failures of one client or
//! against one account are cut off with 429, `Retry-After` and the seed's own error body.
//! Each case comes from a client of its own, so that no budget is shared by accident.

use actix_http::Request;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::fixtures::{PASSWORD, signed_up};
use crate::helpers::{Backend, Reply, TestApp, http, send_from, with_bearer};

/// Sends `request()` from `ip` until it is refused 429, at most `tries` times; that answer.
async fn until_throttled<S, B>(
    app: &S,
    ip: &str,
    tries: usize,
    request: impl Fn(usize) -> TestRequest,
) -> Reply
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let mut statuses = Vec::new();
    for n in 0..tries {
        let reply = send_from(app, request(n), ip).await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(reply.headers.contains_key("retry-after"), "{}", reply.body);
            return reply;
        }
        statuses.push(reply.status.as_u16());
    }
    panic!("no 429 within {tries} tries: {statuses:?}")
}

fn am_throttled(reply: &Reply) {
    assert_eq!(
        (
            &reply.body["status"],
            &reply.body["code"],
            &reply.body["detail"]
        ),
        (&json!(429), &json!(42900), &json!("")),
        "{}",
        reply.body
    );
    assert!(reply.body["message"].is_string(), "{}", reply.body);
}

fn wrong_password(email: &str) -> Value {
    json!({"email": email, "password": "not the passphrase", "newPassword": "a new passphrase"})
}

async fn repeated_failures_are_cut_off(backend: Backend) {
    let test_app = TestApp::with_config(backend, |config| {
        config.argon2_memory_kib = 64;
        config.argon2_iterations = 1;
    })
    .await;
    let app = http(&test_app.services, &test_app.config).await;
    let leaver = signed_up(&app, "leaver@example.com").await;
    let changer = signed_up(&app, "changer@example.com").await;
    let mireu = signed_up(&app, "mireu@example.com").await;

    // Wrong passwords against one account: deleting it, changing its password.
    let delete = until_throttled(&app, "10.9.0.1", 20, |_| {
        with_bearer(TestRequest::delete().uri("/auth/accounts"), &leaver.token)
            .set_json(wrong_password("leaver@example.com"))
    })
    .await;
    am_throttled(&delete);
    let change = until_throttled(&app, "10.9.0.2", 20, |_| {
        with_bearer(
            TestRequest::patch().uri("/auth/accounts/password"),
            &changer.token,
        )
        .set_json(wrong_password("changer@example.com"))
    })
    .await;
    am_throttled(&change);

    // Wrong reset tokens from one client.
    let reset = until_throttled(&app, "10.9.0.3", 40, |n| {
        TestRequest::post().uri("/auth/accounts/reset").set_json(
            json!({"email": "changer@example.com", "token": format!("wrong-token-{n}"),
                   "newPassword": "a new passphrase"}),
        )
    })
    .await;
    am_throttled(&reset);

    // Failed OAuth2 password grants: RFC 6749's body.
    let token = until_throttled(&app, "10.9.0.4", 60, |_| {
        TestRequest::post()
            .uri("/auth/accounts/token")
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload("grant_type=password&username=mireu%40example.com&password=wrong+guess")
    })
    .await;
    assert_eq!(
        token.body["error"], "temporarily_unavailable",
        "{}",
        token.body
    );
    assert!(token.body["error_description"].is_string());

    // SG-Finder sign-ups from one client.
    let sign_up = until_throttled(&app, "10.9.0.5", 40, |n| {
        TestRequest::post().uri("/user/signup").set_json(
            json!({"userId": format!("crowd{n}"), "passwd": PASSWORD, "userName": "Crowd",
                   "email": format!("crowd{n}@example.com"), "birth": "1994-05-20",
                   "introduce": "one of many"}),
        )
    })
    .await;
    assert_eq!(
        sign_up.body,
        json!({"code": 429, "message": "too many requests"})
    );

    // Wrong emailed codes from one client, on each service user route that takes one.
    let code_routes = [
        (Method::POST, "/v1/account/find"),
        (Method::PUT, "/v1/account/auth/update"),
        (Method::DELETE, "/v1/account/delete"),
    ];
    for (n, (method, path)) in code_routes.into_iter().enumerate() {
        let ip = format!("10.9.1.{n}");
        let guessed = until_throttled(&app, &ip, 40, |_| {
            let route = TestRequest::default()
                .method(method.clone())
                .uri(&format!("{path}?Token=0000000000"));
            with_bearer(route, &mireu.token).set_json(json!({"Password": "a new passphrase"}))
        })
        .await;
        assert_eq!(guessed.body["msg"], "Not processed.", "{}", guessed.body);
        assert!(guessed.body["Retry Time"].is_string(), "{}", guessed.body);
    }

    // Wrong texted codes on the Lux phone change, from one client.
    let lux = until_throttled(&app, "10.9.0.6", 40, |n| {
        with_bearer(
            TestRequest::post().uri("/api/v1/lux/user/change-phone"),
            &mireu.token,
        )
        .set_json(json!({"phone": "+821012345678", "validnum": format!("{n:06}")}))
    })
    .await;
    assert!(lux.body["detail"].is_string(), "{}", lux.body);
    assert_eq!(
        lux.body.as_object().map(|o| o.len()),
        Some(1),
        "{}",
        lux.body
    );
}

crate::on_both_stores!(repeated_failures_are_cut_off);
