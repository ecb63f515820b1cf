//! Password reset end to end. On the real binary: the owner of an address takes back an
//! account someone else registered with it and never verified (the reset email goes to the
//! address, the reset verifies it and ends the squatter's sessions and access tokens). On
//! both stores: the document's bodies and error bodies.

use actix_web::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, LoggedService, TestApp, http, post_json, send};
use crate::http_client::{RawReply, request, request_as};

const OWNER: &str = "rightful.owner@example.com";
const SQUATTER_PASSWORD: &str = "squatters own passphrase";
const NEW_PASSWORD: &str = "the owners new passphrase";
const INVALID_TOKEN: &str = r#"{"status":400,"code":40000,"message":"Invalid token","detail":""}"#;

fn json_of(reply: &RawReply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or(Value::Null)
}

fn post(port: u16, path: &str, body: Value) -> RawReply {
    request(port, "POST", path, Some(&body.to_string())).expect("the service answers")
}

fn log_in(port: u16, password: &str) -> RawReply {
    post(
        port,
        "/auth/accounts/login",
        json!({"email": OWNER, "password": password}),
    )
}

#[test]
fn the_owner_of_an_address_takes_back_an_account_a_squatter_registered_with_it() {
    let service = LoggedService::start(|_| {});
    let port = service.port;

    // Someone else signs up with the owner's address and never verifies it.
    let created = post(
        port,
        "/auth/accounts/register",
        json!({"email": OWNER, "password": SQUATTER_PASSWORD, "name": "Squat Ter"}),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let account_id = json_of(&created)["id"].as_i64().expect("an id");
    let squatter = json_of(&log_in(port, SQUATTER_PASSWORD));
    let access = squatter["accessToken"].as_str().expect("access").to_owned();
    let refresh = squatter["refreshToken"]
        .as_str()
        .expect("refresh")
        .to_owned();
    // "Not before" has one-second precision: the squatter's token must be a second older.
    std::thread::sleep(std::time::Duration::from_millis(1100));

    // The same answer for an address nobody registered.
    let nobody = post(
        port,
        "/auth/accounts/reset/request",
        json!({"email": "nobody.here@example.com"}),
    );
    assert_eq!(
        (nobody.status, json_of(&nobody)),
        (200, json!({"success": true}))
    );
    let asked = post(
        port,
        "/auth/accounts/reset/request",
        json!({"email": OWNER}),
    );
    assert_eq!(
        (asked.status, json_of(&asked)),
        (200, json!({"success": true}))
    );

    // The email reaches the address, with a link and the code it carries.
    let email = service.delivered(OWNER, "password_reset");
    let token = email["params"]["code"].as_str().expect("a code").to_owned();
    let link = email["params"]["link"].as_str().expect("a link");
    assert!(link.ends_with(&format!("&token={token}")), "{link}");
    assert_eq!(token.len(), 10, "{token}");
    assert!(
        email["body"].as_str().is_some_and(|b| b.contains(&token)),
        "{email}"
    );

    let wrong = post(
        port,
        "/auth/accounts/reset",
        json!({"email": OWNER, "newPassword": NEW_PASSWORD, "token": "0000000000"}),
    );
    assert_eq!(wrong.status, 400);
    assert_eq!(
        json_of(&wrong),
        serde_json::from_str::<Value>(INVALID_TOKEN).unwrap()
    );

    let reset = post(
        port,
        "/auth/accounts/reset",
        json!({"email": OWNER, "newPassword": NEW_PASSWORD, "token": token.to_lowercase()}),
    );
    assert_eq!(
        (reset.status, json_of(&reset)),
        (200, json!({"success": true})),
        "{}",
        reset.body
    );

    // The squatter is out: access token, session and password.
    let profile = request_as(port, "GET", "/auth/accounts/profile", None, Some(&access))
        .expect("the service answers");
    assert_eq!(profile.status, 401, "the squatter's access token ended");
    let refreshed = post(
        port,
        "/auth/accounts/refresh",
        json!({"refreshToken": refresh}),
    );
    assert_eq!(refreshed.status, 401, "the squatter's session ended");
    assert_eq!(log_in(port, SQUATTER_PASSWORD).status, 401);

    // The owner is in, and the address is verified.
    let owner = log_in(port, NEW_PASSWORD);
    assert_eq!(owner.status, 200, "{}", owner.body);
    let owner_access = json_of(&owner)["accessToken"]
        .as_str()
        .expect("access")
        .to_owned();
    let account = request_as(
        port,
        "GET",
        &format!("/accounts/{account_id}"),
        None,
        Some(&owner_access),
    )
    .expect("the service answers");
    assert_eq!(account.status, 200, "{}", account.body);
    assert_eq!(json_of(&account)["emailVerified"], true, "{}", account.body);

    // A token works once.
    let replayed = post(
        port,
        "/auth/accounts/reset",
        json!({"email": OWNER, "newPassword": "yet another passphrase", "token": token}),
    );
    assert_eq!(replayed.status, 400);
    assert_eq!(
        json_of(&replayed),
        serde_json::from_str::<Value>(INVALID_TOKEN).unwrap()
    );

    // Nothing was ever sent to the address without an account; the log holds no token.
    assert!(
        service
            .outbox()
            .iter()
            .all(|m| m["recipient"] != "nobody.here@example.com"),
        "{:?}",
        service.outbox()
    );
    let log = service.stop();
    assert!(!log.contains(&token), "the token is not logged");
    assert!(log.contains("password_reset"), "a security event: {log}");
}

async fn the_documents_bodies_and_error_bodies(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let created = send(
        &app,
        post_json(
            "/auth/accounts/register",
            json!({"email": OWNER, "password": SQUATTER_PASSWORD, "name": "John Doe"}),
        ),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let asked = send(
        &app,
        post_json("/auth/accounts/reset/request", json!({"email": OWNER})),
    )
    .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let token = test_app.emailed_code(OWNER).await;

    let again = send(
        &app,
        post_json("/auth/accounts/reset/request", json!({"email": OWNER})),
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        again.body
    );
    assert!(again.headers.contains_key("retry-after"));

    let missing = send(
        &app,
        post_json(
            "/auth/accounts/reset",
            json!({"email": OWNER, "token": token}),
        ),
    )
    .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.body["invalidFields"], json!(["newPassword"]));

    let weak = send(
        &app,
        post_json(
            "/auth/accounts/reset",
            json!({"email": OWNER, "newPassword": OWNER, "token": token}),
        ),
    )
    .await;
    assert_eq!(weak.status, StatusCode::BAD_REQUEST, "{}", weak.body);
    assert_eq!(weak.body["invalidFields"], json!(["newPassword"]));

    for _ in 0..5 {
        let wrong = send(
            &app,
            post_json(
                "/auth/accounts/reset",
                json!({"email": OWNER, "newPassword": NEW_PASSWORD, "token": "WRONGWRONG"}),
            ),
        )
        .await;
        assert_eq!(
            wrong.body,
            json!({"status": 400, "code": 40000, "message": "Invalid token", "detail": ""})
        );
    }
    let spent = send(
        &app,
        post_json(
            "/auth/accounts/reset",
            json!({"email": OWNER, "newPassword": NEW_PASSWORD, "token": token}),
        ),
    )
    .await;
    assert_eq!(
        spent.status,
        StatusCode::BAD_REQUEST,
        "five wrong tokens spend it"
    );
    assert_eq!(spent.body["message"], "Invalid token");
}

crate::on_both_stores!(the_documents_bodies_and_error_bodies);
