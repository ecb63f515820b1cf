//! The Lux user API end to end: a client that knows only the Lux document (plus the foundation
//! routes to register and log in), on both stores.

use account_domain::devices::NewDevice;
use account_domain::values::{DeviceUniqueId, MacId, SerialCode};
use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, http, post_json, send, with_bearer};

const PASSWORD: &str = "correct horse battery";

async fn provision(test_app: &TestApp, rows: &[(&str, &str, &str)]) {
    let devices: Vec<NewDevice> = rows
        .iter()
        .map(|(serial, mac, unique)| NewDevice {
            serial_code: SerialCode::parse(serial).unwrap(),
            mac_id: MacId::parse(mac).unwrap(),
            unique_id: DeviceUniqueId::parse(unique).unwrap(),
            alias: Some("string".into()),
            now_firmware_id: Some(1),
        })
        .collect();
    let report = test_app
        .services
        .state
        .devices
        .import(devices)
        .await
        .expect("provisioned");
    assert_eq!(report.created.len(), rows.len());
}

/// Registers and logs in; returns the access token.
async fn signed_in<S, B>(app: &S, email: &str) -> String
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let created = send(
        app,
        post_json(
            "/auth/accounts/register",
            json!({"email": email, "password": PASSWORD, "name": "Kim"}),
        ),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let login = send(
        app,
        post_json(
            "/auth/accounts/login",
            json!({"email": email, "password": PASSWORD}),
        ),
    )
    .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    login.body["accessToken"]
        .as_str()
        .expect("access token")
        .to_owned()
}

fn lux(method: TestRequest, path: &str, token: &str) -> TestRequest {
    with_bearer(method.uri(&format!("/api/v1/lux{path}")), token)
}

async fn a_lux_client_uses_every_endpoint(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let token = signed_in(&app, "parent@example.com").await;

    let me = send(&app, lux(TestRequest::get(), "/user/me", &token)).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    assert_eq!(me.body["register_type"], "E");
    assert_eq!(me.body["need_to_pwd_change"], false);
    assert_eq!(me.body["need_personal_info_update"], true);
    assert_eq!(me.body["is_device_muted"], false);

    let patched = send(
        &app,
        lux(TestRequest::patch(), "/user/root-user", &token)
            .set_json(json!({"first_name": "james", "last_name": "kim", "birthdate": "19970101", "gender": "M"})),
    )
    .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.body["birthdate"], "19970101");
    assert_eq!(patched.body["gender"], "M");

    // Written as Koreans write it, trunk `0` and all: the same number as `+821012345678`.
    let sms = send(
        &app,
        lux(TestRequest::post(), "/user/send-sms", &token)
            .set_json(json!({"phone": "+82 010-1234-5678"})),
    )
    .await;
    assert_eq!(sms.status, StatusCode::OK, "{}", sms.body);
    let code = test_app.emailed_code("+821012345678").await;
    let wrong = send(
        &app,
        lux(TestRequest::post(), "/user/change-phone", &token)
            .set_json(json!({"phone": "+821012345678", "validnum": "000000"})),
    )
    .await;
    if code != "000000" {
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert_eq!(wrong.body, json!({"detail": "Validation code is invalid"}));
    }
    let changed = send(
        &app,
        lux(TestRequest::post(), "/user/change-phone", &token)
            .set_json(json!({"phone": "+82 010-1234-5678", "validnum": code})),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(
        changed.body,
        json!({"statusCode": 200, "message": "Root user phone updated"})
    );
    let me = send(&app, lux(TestRequest::get(), "/user/me", &token)).await;
    assert_eq!(me.body["phone"], "+821012345678");
    assert_eq!(me.body["national_code"], "KR", "{}", me.body);
    assert_eq!(me.body["is_phone_number_checked"], true);
    assert_eq!(me.body["need_personal_info_update"], false, "{}", me.body);

    // No last name is an answer, for a root user as for a child user.
    let single_named = send(
        &app,
        lux(TestRequest::patch(), "/user/root-user", &token).set_json(json!({"last_name": ""})),
    )
    .await;
    assert_eq!(single_named.status, StatusCode::OK, "{}", single_named.body);
    let me = send(&app, lux(TestRequest::get(), "/user/me", &token)).await;
    assert_eq!(me.body["last_name"], "");
    assert_eq!(me.body["need_personal_info_update"], false, "{}", me.body);

    let denied = send(
        &app,
        lux(TestRequest::post(), "/user/push/set-token", &token)
            .set_json(json!({"token": "fcm:token-1"})),
    )
    .await;
    assert_eq!(denied.status, StatusCode::BAD_REQUEST);
    assert_eq!(denied.body, json!({"detail": "Push permisson denied"}));
    let policy = send(
        &app,
        lux(TestRequest::patch(), "/user/policy", &token)
            .set_json(json!({"is_push_agree": true, "is_marketing_agree": true})),
    )
    .await;
    assert_eq!(policy.status, StatusCode::OK, "{}", policy.body);
    assert!(
        policy.body["push_agree_date"]
            .as_str()
            .is_some_and(|d| d.ends_with('Z')),
        "{}",
        policy.body
    );
    let set = send(
        &app,
        lux(TestRequest::post(), "/user/push/set-token", &token)
            .set_json(json!({"token": "fcm:token-1"})),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert!(set.body.is_string());

    let notification = json!({"is_device_muted": 1, "is_device_alim_talk_enabled": 1, "is_basestation_alert_enabled": 1});
    let switched = send(
        &app,
        lux(TestRequest::patch(), "/user/notification", &token).set_json(notification.clone()),
    )
    .await;
    assert_eq!(switched.status, StatusCode::OK, "{}", switched.body);
    assert_eq!(switched.body, notification);
    let me = send(&app, lux(TestRequest::get(), "/user/me", &token)).await;
    assert_eq!(me.body["is_device_muted"], true);

    provision(&test_app, &[("SL20401000", "41AD", "unique")]).await;
    // The MAC id in lower case names the same device.
    let child = json!({
        "first_name": "test", "last_name": "", "birthdate": "19970101", "gender": "F",
        "serial_code": "SL20401000", "mac_id": "41ad", "unique_id": "unique"
    });
    let created = send(
        &app,
        lux(TestRequest::post(), "/user/create-real-user", &token).set_json(child.clone()),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.body["serial_code"], "SL20401000");
    assert_eq!(created.body["last_name"], "");
    let child_id = created.body["real_user_id"].as_i64().expect("real_user_id");
    let again = send(
        &app,
        lux(TestRequest::post(), "/user/create-real-user", &token).set_json(child),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.body, json!({"detail": "Already Connected Device"}));

    let devices = send(
        &app,
        lux(TestRequest::get(), "/device/get-all-device", &token),
    )
    .await;
    assert_eq!(devices.status, StatusCode::OK);
    assert_eq!(
        devices.body.as_array().map(Vec::len),
        Some(1),
        "{}",
        devices.body
    );

    let path = format!("/user/real-user/{child_id}");
    let read = send(&app, lux(TestRequest::get(), &path, &token)).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body["first_name"], "test");
    let renamed = send(
        &app,
        lux(TestRequest::patch(), &path, &token)
            .set_json(json!({"id": child_id, "first_name": "tester", "last_name": "john", "birthdate": "20010608", "gender": "P"})),
    )
    .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert_eq!(renamed.body["last_name"], "john");

    // The document's "Parameters" as a query string, without a body.
    let deleted = send(
        &app,
        lux(
            TestRequest::delete(),
            &format!("/user/delete-real-user?real_user_id={child_id}&unique_id=unique"),
            &token,
        ),
    )
    .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert_eq!(
        deleted.body,
        json!({"statusCode": 200, "message": "Real user deleted successfully"})
    );
    let devices = send(
        &app,
        lux(TestRequest::get(), "/device/get-all-device", &token),
    )
    .await;
    assert_eq!(devices.body, json!([]));

    let withdrawn = send(&app, lux(TestRequest::delete(), "/user/root-user", &token)).await;
    assert_eq!(withdrawn.status, StatusCode::OK);
    assert_eq!(
        withdrawn.body,
        json!({"statusCode": 200, "message": "Root user deleted"})
    );
    let gone = send(&app, lux(TestRequest::get(), "/user/me", &token)).await;
    assert_eq!(gone.status, StatusCode::UNAUTHORIZED);
    assert_eq!(gone.body, json!({"detail": "User is Deleted"}));
    // The email is released for a new sign-up.
    let again = send(
        &app,
        post_json(
            "/auth/accounts/register",
            json!({"email": "parent@example.com", "password": PASSWORD, "name": "Kim"}),
        ),
    )
    .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
}

async fn two_parents_claiming_one_device_at_once(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let first = signed_in(&app, "first@example.com").await;
    let second = signed_in(&app, "second@example.com").await;
    provision(&test_app, &[("SL20401005", "0A0B", "shared-device")]).await;
    let claim = |token: &str| {
        lux(TestRequest::post(), "/user/create-real-user", token).set_json(json!({
            "first_name": "kid", "last_name": "", "birthdate": "20200101", "gender": "M",
            "serial_code": "SL20401005", "mac_id": "0A0B", "unique_id": "shared-device"
        }))
    };
    let (a, b) = tokio::join!(send(&app, claim(&first)), send(&app, claim(&second)));
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let loser = if a.status == StatusCode::CONFLICT {
        &a.body
    } else {
        &b.body
    };
    assert_eq!(loser, &json!({"detail": "Already Connected Device"}));
    let mut children = 0;
    for token in [&first, &second] {
        let devices = send(
            &app,
            lux(TestRequest::get(), "/device/get-all-device", token),
        )
        .await;
        children += devices.body.as_array().map(Vec::len).unwrap_or_default();
    }
    assert_eq!(children, 1, "the loser left no child behind");
}

async fn logging_out_stops_pushes_to_that_phone(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let token = signed_in(&app, "pushy@example.com").await;
    send(
        &app,
        lux(TestRequest::patch(), "/user/policy", &token).set_json(json!({"is_push_agree": true})),
    )
    .await;
    let set = send(
        &app,
        lux(TestRequest::post(), "/user/push/set-token", &token)
            .set_json(json!({"token": "fcm:phone-1"})),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let me = send(&app, lux(TestRequest::get(), "/user/me", &token)).await;
    let account =
        account_domain::accounts::AccountId(me.body["root_user_id"].as_i64().expect("id"));
    let now = chrono::Utc::now();
    let push_tokens = &test_app.repositories().push_tokens;
    assert_eq!(
        push_tokens
            .list_for_account(account, now)
            .await
            .unwrap()
            .len(),
        1
    );
    let logout = send(
        &app,
        with_bearer(TestRequest::post().uri("/auth/accounts/logout"), &token),
    )
    .await;
    assert_eq!(logout.status, StatusCode::OK);
    assert!(
        push_tokens
            .list_for_account(account, now)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn lux_errors_have_the_documents_shape(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let token = signed_in(&app, "shape@example.com").await;
    let cases: Vec<(TestRequest, u16, Value)> = vec![
        (
            TestRequest::get().uri("/api/v1/lux/user/me"),
            401,
            json!({"detail": "Could not validate credentials"}),
        ),
        (
            lux(TestRequest::get(), "/user/nope", &token),
            404,
            json!({"detail": "Resource not found"}),
        ),
        (
            lux(TestRequest::get(), "/user/real-user/999999", &token),
            404,
            json!({"detail": "Real user is not found"}),
        ),
        (
            lux(TestRequest::post(), "/user/create-real-user", &token).set_json(json!({
                "first_name": "a", "last_name": "", "birthdate": "20200101", "gender": "M",
                "serial_code": "bad", "mac_id": "41AD", "unique_id": "u"
            })),
            400,
            json!({"detail": "Serial code is not valid"}),
        ),
        (
            lux(TestRequest::post(), "/user/create-real-user", &token).set_json(json!({
                "first_name": "a", "last_name": "", "birthdate": "20200101", "gender": "M",
                "serial_code": "SL99999999", "mac_id": "41AD", "unique_id": "u"
            })),
            404,
            json!({"detail": "Not Found Device"}),
        ),
    ];
    for (request, status, body) in cases {
        let reply = send(&app, request).await;
        assert_eq!((reply.status.as_u16(), &reply.body), (status, &body));
    }
    let malformed = send(
        &app,
        lux(TestRequest::patch(), "/user/root-user", &token)
            .insert_header(("Content-Type", "application/json"))
            .set_payload("{"),
    )
    .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert!(malformed.body["detail"].is_string(), "{}", malformed.body);
}

async fn guessing_devices_is_cut_off_and_the_real_claim_still_waits(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let token = signed_in(&app, "guesser@example.com").await;
    provision(&test_app, &[("SL20401006", "0C0D", "guessed-device")]).await;
    let claim = |mac_id: &str| {
        lux(TestRequest::post(), "/user/create-real-user", &token).set_json(json!({
            "first_name": "kid", "last_name": "", "birthdate": "20200101", "gender": "M",
            "serial_code": "SL20401006", "mac_id": mac_id, "unique_id": "guessed-device"
        }))
    };
    let guesses = [
        "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "000A",
    ];
    for guess in guesses {
        let reply = send(&app, claim(guess)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
    }
    let right = send(&app, claim("0C0D")).await;
    assert_eq!(
        right.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        right.body
    );
    assert_eq!(right.body, json!({"detail": "Too many requests"}));
    assert!(right.headers.contains_key("retry-after"));
}

crate::on_both_stores!(
    a_lux_client_uses_every_endpoint,
    two_parents_claiming_one_device_at_once,
    guessing_devices_is_cut_off_and_the_real_claim_still_waits,
    logging_out_stops_pushes_to_that_phone,
    lux_errors_have_the_documents_shape,
);
