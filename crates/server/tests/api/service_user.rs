//! The service user account document end to end. On the real binary: a code emailed to an
//! address creates its account (`UserID`), a log-in gives the bearer token, and the token
//! reads and changes the account. On both stores: the whole document, route by route, with
//! its answers; the 10-minute resend wait with its `Retry Time`; codes guessed at random
//! creating nothing until the client's budget stops them.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::helpers::{Backend, LoggedService, Reply, TestApp, http, send};
use crate::http_client::{RawReply, request, request_as};

const ADDRESS: &str = "limmireu1214@example.com";
const PASSWORD: &str = "correct horse battery";
const AUTH: &str = "Incorrect authentication information and timed out information";
const PEER: &str = "198.51.100.7:40000";

fn json_of(reply: &RawReply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or(Value::Null)
}

fn add_body(nickname: &str) -> Value {
    json!({"Password": PASSWORD, "Info": {"FirstName": "Mireu", "LastName": "Lim",
        "Nickname": nickname, "Phone": "+82 10-1234-5678"}})
}

fn is_public_id(value: &Value) -> bool {
    value.as_str().is_some_and(|id| {
        id.len() == 64
            && id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[test]
fn a_code_emailed_to_an_address_creates_its_account_and_a_log_in_reads_it() {
    let service = LoggedService::start(|_| {});
    let port = service.port;

    // The document's curl: a POST with an empty body and no content type.
    let sent = request(
        port,
        "POST",
        &format!("/v1/account/auth?Email={ADDRESS}"),
        None,
    )
    .expect("the service answers");
    assert_eq!(
        (sent.status, json_of(&sent)),
        (200, json!({"msg": "Done!"})),
        "{}",
        sent.body
    );
    let again = request(
        port,
        "POST",
        &format!("/v1/account/auth?Email={ADDRESS}"),
        None,
    )
    .expect("the service answers");
    assert_eq!(again.status, 429);
    assert_eq!(json_of(&again)["msg"], "Not processed.");

    let email = service.delivered(ADDRESS, "verification_code");
    let code = email["params"]["code"].as_str().expect("a code").to_owned();
    assert_eq!(code.len(), 10, "{code}");

    let added = request(
        port,
        "POST",
        &format!("/v1/account/add?Token={}", code.to_lowercase()),
        Some(&add_body("mireu").to_string()),
    )
    .expect("the service answers");
    assert_eq!(added.status, 200, "{}", added.body);
    let user_id = json_of(&added)["UserID"].clone();
    assert!(is_public_id(&user_id), "{}", added.body);

    let logged_in = request(
        port,
        "POST",
        "/v1/account/login",
        Some(&json!({"Email": ADDRESS, "Password": PASSWORD}).to_string()),
    )
    .expect("the service answers");
    assert_eq!(logged_in.status, 200, "{}", logged_in.body);
    let access = json_of(&logged_in)["AccessToken"]
        .as_str()
        .expect("a token")
        .to_owned();

    let info = request_as(port, "GET", "/v1/account/info", None, Some(&access))
        .expect("the service answers");
    assert_eq!(info.status, 200, "{}", info.body);
    let info = json_of(&info)["Info"].clone();
    assert_eq!(info["Email"], ADDRESS);
    assert_eq!(info["Nickname"], "mireu");
    assert_eq!(info["Phone"], "+821012345678");
    assert!(
        info["Join Time"].as_f64().is_some_and(|t| t > 1.7e9),
        "{info}"
    );
}

async fn the_second_code_within_ten_minutes_waits_with_the_time_left(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let post = |uri: String| {
        TestRequest::post()
            .uri(&uri)
            .peer_addr(PEER.parse().unwrap())
    };
    for address in [ADDRESS, "nobody.here@example.com"] {
        let sent = send(&app, post(format!("/v1/account/auth?Email={address}"))).await;
        assert_eq!(
            (sent.status, &sent.body),
            (StatusCode::OK, &json!({"msg": "Done!"}))
        );
        let again = send(&app, post(format!("/v1/account/auth?Email={address}"))).await;
        assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(again.body["msg"], "Not processed.");
        let retry_time = again.body["Retry Time"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(
            ["10:00", "09:59"].contains(&retry_time.as_str()),
            "{}",
            again.body
        );
        let retry_after: u64 = header(&again, "retry-after").parse().unwrap_or_default();
        assert!((599..=600).contains(&retry_after), "{retry_after}");
    }
}

async fn every_route_answers_as_the_document_says(backend: Backend) {
    // Without the resend wait, so that one journey can ask for a code per step.
    let test_app = TestApp::with_config(backend, |config| {
        config.account_code_resend_cooldown_secs = 0
    })
    .await;
    let app = http(&test_app.services, &test_app.config).await;
    let call = |request: TestRequest| send(&app, request.peer_addr(PEER.parse().unwrap()));
    let post = |uri: &str| TestRequest::post().uri(uri);
    let with_json = |request: TestRequest, body: Value| request.set_json(body);
    let bearer = |request: TestRequest, token: &str| {
        request.insert_header(("Authorization", format!("Bearer {token}")))
    };
    let code_for = |address: &'static str| {
        let test_app = &test_app;
        let call = &call;
        async move {
            let sent = call(post(&format!("/v1/account/auth?Email={address}"))).await;
            assert_eq!(sent.body, json!({"msg": "Done!"}));
            test_app.emailed_code(address).await
        }
    };
    let refused = json!({"msg": "Account not found", "Auth": AUTH});

    // add?Token=: a wrong code, then the right one; the code is single-use.
    let code = code_for(ADDRESS).await;
    let wrong = call(with_json(
        post("/v1/account/add?Token=0000000000"),
        add_body("mireu"),
    ))
    .await;
    assert_eq!(
        (wrong.status, &wrong.body),
        (StatusCode::UNAUTHORIZED, &refused)
    );
    let added = call(with_json(
        post(&format!("/v1/account/add?Token={code}")),
        add_body("mireu"),
    ))
    .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(added.body["msg"], "Done.");
    let user_id = added.body["UserID"].clone();
    assert!(is_public_id(&user_id));
    let spent = call(with_json(
        post(&format!("/v1/account/add?Token={code}")),
        add_body("other"),
    ))
    .await;
    assert_eq!(spent.body, refused);

    // A duplicate account (the address again, or a taken nickname) is not processed.
    let again = code_for(ADDRESS).await;
    let duplicate = call(with_json(
        post(&format!("/v1/account/add?Token={again}")),
        add_body("other"),
    ))
    .await;
    assert_eq!(
        (duplicate.status, &duplicate.body),
        (StatusCode::CONFLICT, &json!({"msg": "Not processed."}))
    );
    let second_code = code_for("second@example.com").await;
    let duplicate = call(with_json(
        post(&format!("/v1/account/add?Token={second_code}")),
        add_body("mireu"),
    ))
    .await;
    assert_eq!(duplicate.body, json!({"msg": "Not processed."}));

    // The raw UserID the document puts in Authorization is no credential.
    let raw = call(
        TestRequest::get()
            .uri("/v1/account/info")
            .insert_header(("Authorization", user_id.as_str().unwrap_or_default())),
    )
    .await;
    assert_eq!(raw.status, StatusCode::UNAUTHORIZED);
    assert!(raw.body["msg"].is_string(), "{}", raw.body);

    // Log in (and refresh); info; update.
    let log_in = |password: &'static str| {
        let call = &call;
        async move {
            call(with_json(
                post("/v1/account/login"),
                json!({"Email": ADDRESS, "Password": password}),
            ))
            .await
        }
    };
    let logged_in = log_in(PASSWORD).await;
    assert_eq!(logged_in.status, StatusCode::OK, "{}", logged_in.body);
    let access = logged_in.body["AccessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let refreshed = call(with_json(
        post("/v1/account/refresh"),
        json!({"RefreshToken": logged_in.body["RefreshToken"]}),
    ))
    .await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.body);
    let info = call(bearer(TestRequest::get().uri("/v1/account/info"), &access)).await;
    assert_eq!(info.status, StatusCode::OK, "{}", info.body);
    let joined = info.body["Info"]["Join Time"].as_f64().unwrap_or_default();
    assert!(joined > 1.7e9, "{}", info.body);
    assert_eq!(
        info.body,
        json!({"Info": {"FirstName": "Mireu", "LastName": "Lim", "Nickname": "mireu",
            "Phone": "+821012345678", "Email": ADDRESS, "Join Time": joined}})
    );
    let updated = call(bearer(
        with_json(
            TestRequest::put().uri("/v1/account/update"),
            json!({"Password": "string", "Info": {"Nickname": "mireu2", "LastName": "Im"}}),
        ),
        &access,
    ))
    .await;
    assert_eq!(
        (updated.status, &updated.body),
        (StatusCode::OK, &json!({"msg": "Done"}))
    );
    let info = call(bearer(TestRequest::get().uri("/v1/account/info"), &access)).await;
    assert_eq!(info.body["Info"]["Nickname"], "mireu2");
    assert_eq!(info.body["Info"]["LastName"], "Im");

    // find?Token=: a wrong password spends the code; the right one gives the UID.
    let find = |code: String, password: &'static str| {
        let call = &call;
        async move {
            call(with_json(
                post(&format!("/v1/account/find?Token={code}")),
                json!({"Password": password}),
            ))
            .await
        }
    };
    let wrong_password = find(code_for(ADDRESS).await, "not the password").await;
    assert_eq!(
        (wrong_password.status, &wrong_password.body),
        (StatusCode::UNAUTHORIZED, &json!({"msg": "Not processed."}))
    );
    let found = find(code_for(ADDRESS).await, PASSWORD).await;
    assert_eq!(
        (found.status, &found.body),
        (StatusCode::OK, &json!({"UID": user_id}))
    );
    let guessed = find("0000000000".into(), PASSWORD).await;
    assert_eq!(guessed.body, refused);

    // auth/update?Token=: a social log-in only claimed is refused; a wrong code, then a new
    // password with the right one.
    let claimed = call(bearer(
        with_json(
            TestRequest::put().uri(&format!(
                "/v1/account/auth/update?Token={}",
                code_for(ADDRESS).await
            )),
            json!({"Sns": {"SNS_Service": "google", "UID": "110248495921238986420"}}),
        ),
        &access,
    ))
    .await;
    assert_eq!(
        (claimed.status, &claimed.body["msg"]),
        (StatusCode::FORBIDDEN, &json!("Not processed."))
    );
    let new_password = json!({"Password": "a brand new passphrase"});
    let wrong_code = call(bearer(
        with_json(
            TestRequest::put().uri("/v1/account/auth/update?Token=0000000000"),
            new_password.clone(),
        ),
        &access,
    ))
    .await;
    assert_eq!(
        (wrong_code.status, &wrong_code.body),
        (StatusCode::UNAUTHORIZED, &refused)
    );
    let changed = call(bearer(
        with_json(
            TestRequest::put().uri(&format!(
                "/v1/account/auth/update?Token={}",
                code_for(ADDRESS).await
            )),
            new_password,
        ),
        &access,
    ))
    .await;
    assert_eq!(
        (changed.status, &changed.body),
        (StatusCode::OK, &json!({"msg": "Done"}))
    );
    assert_eq!(log_in(PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    // "Not before" has one-second precision: the next token must be a second younger.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let logged_in = log_in("a brand new passphrase").await;
    assert_eq!(logged_in.status, StatusCode::OK, "{}", logged_in.body);
    let access = logged_in.body["AccessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    // delete?Token=: a wrong code, then the right one; the account is gone for its owner.
    let deleting = |code: String| {
        let (call, access) = (&call, access.clone());
        async move {
            call(bearer(
                TestRequest::delete().uri(&format!("/v1/account/delete?Token={code}")),
                &access,
            ))
            .await
        }
    };
    let wrong_code = deleting("0000000000".into()).await;
    assert_eq!(
        (wrong_code.status, &wrong_code.body),
        (StatusCode::UNAUTHORIZED, &refused)
    );
    let deleted = deleting(code_for(ADDRESS).await).await;
    assert_eq!(
        (deleted.status, &deleted.body),
        (StatusCode::OK, &json!({"msg": "Done"}))
    );
    let after = call(bearer(TestRequest::get().uri("/v1/account/info"), &access)).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED, "{}", after.body);
    let gone = find(code_for(ADDRESS).await, "a brand new passphrase").await;
    assert_eq!(
        (gone.status, &gone.body),
        (StatusCode::NOT_FOUND, &json!({"msg": "Account not found"}))
    );
}

fn header(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn codes_guessed_at_random_create_nothing_and_the_client_is_stopped(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    send(
        &app,
        TestRequest::post()
            .uri(&format!("/v1/account/auth?Email={ADDRESS}"))
            .peer_addr(PEER.parse().unwrap()),
    )
    .await;
    let mut answers = Vec::new();
    for n in 0..31u32 {
        let guess = format!("{n:0>10}");
        let reply = send(
            &app,
            TestRequest::post()
                .uri(&format!("/v1/account/add?Token={guess}"))
                .peer_addr(PEER.parse().unwrap())
                .set_json(add_body(&format!("guess{n}"))),
        )
        .await;
        answers.push(reply.status.as_u16());
    }
    assert!(answers[..30].iter().all(|s| *s == 401), "{answers:?}");
    assert_eq!(answers[30], 429, "{answers:?}");
    let found = test_app
        .repositories()
        .accounts
        .find_by_email(&account_domain::values::Email::parse(ADDRESS).unwrap())
        .await
        .expect("find");
    assert!(found.is_none());
    // The right code, from the same client, is refused too until its budget is back.
    let code = test_app.emailed_code(ADDRESS).await;
    let stopped = send(
        &app,
        TestRequest::post()
            .uri(&format!("/v1/account/add?Token={code}"))
            .peer_addr(PEER.parse().unwrap())
            .set_json(add_body("mireu")),
    )
    .await;
    assert_eq!(stopped.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(stopped.body["msg"], "Not processed.");
    assert!(stopped.body["Retry Time"].is_string(), "{}", stopped.body);
}

crate::on_both_stores!(
    the_second_code_within_ten_minutes_waits_with_the_time_left,
    every_route_answers_as_the_document_says,
    codes_guessed_at_random_create_nothing_and_the_client_is_stopped,
);
