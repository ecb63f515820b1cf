//! An identifier another account holds, on both stores: a service user nickname (409 on
//! `PUT /v1/account/update`) and a checked phone number (409 on the Lux phone change, even
//! with the right texted code).

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use crate::fixtures::{Caller, signed_up};
use crate::helpers::{Backend, Reply, TestApp, http, send, with_bearer};

const PHONE: &str = "+821012345678";

async fn another_accounts_nickname_and_phone_are_refused(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let first = signed_up(&app, "first@example.com").await;
    let second = signed_up(&app, "second@example.com").await;

    let nickname = |caller: &Caller| {
        with_bearer(TestRequest::put().uri("/v1/account/update"), &caller.token)
            .set_json(json!({"Info": {"Nickname": "mireu"}}))
    };
    let taken = send(&app, nickname(&first)).await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    let refused = send(&app, nickname(&second)).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(refused.body["msg"].is_string(), "{}", refused.body);

    let change_phone = async |caller: &Caller| -> Reply {
        let texted = send(
            &app,
            with_bearer(
                TestRequest::post().uri("/api/v1/lux/user/send-sms"),
                &caller.token,
            )
            .set_json(json!({"phone": PHONE})),
        )
        .await;
        assert_eq!(texted.status, StatusCode::OK, "{}", texted.body);
        let code = test_app.emailed_code(PHONE).await;
        send(
            &app,
            with_bearer(
                TestRequest::post().uri("/api/v1/lux/user/change-phone"),
                &caller.token,
            )
            .set_json(json!({"phone": PHONE, "validnum": code})),
        )
        .await
    };
    let checked = change_phone(&first).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    let refused = change_phone(&second).await;
    assert_eq!(
        (refused.status, refused.body),
        (
            StatusCode::CONFLICT,
            json!({"detail": "Phone number is already registered"})
        )
    );
}

crate::on_both_stores!(another_accounts_nickname_and_phone_are_refused);
