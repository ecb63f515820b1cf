//! An ADMIN acting on accounts other than its own, on both stores: roles set on another account
//! (200) and on none (404); a withdrawn account cannot be un-banned or pushed to (409), and the
//! accounts-roles routes answer it `Account Deleted` (404); an id that is no integer is 400.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::fixtures::{admin, signed_up, withdrawn};
use crate::helpers::{Backend, TestApp, http, send, with_bearer};

fn am_error(status: u16, error: &str, message: &str) -> Value {
    json!({"status": status, "code": u32::from(status) * 100, "error": error,
           "message": message, "detail": ""})
}

async fn an_admin_meets_other_missing_and_withdrawn_accounts(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let boss = admin(&test_app, &app, "boss@example.com").await;
    let user = signed_up(&app, "staff@example.com").await;
    let gone = signed_up(&app, "gone@example.com").await;
    let as_admin = |request: TestRequest| with_bearer(request, &boss.token);
    let roles = json!({"roles": ["STAFF", "USER"]});

    let set = send(
        &app,
        as_admin(TestRequest::put().uri(&format!("/admin/accounts/{}/roles", user.id)))
            .set_json(&roles),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(
        (&set.body["id"], &set.body["roles"]),
        (&json!(user.id), &json!(["STAFF", "USER"]))
    );
    let nobody = send(
        &app,
        as_admin(TestRequest::put().uri("/admin/accounts/999999/roles")).set_json(&roles),
    )
    .await;
    assert_eq!(
        (nobody.status, nobody.body),
        (
            StatusCode::NOT_FOUND,
            am_error(404, "account_not_found", "Account not found")
        )
    );

    withdrawn(&app, &gone).await;
    let deleted = am_error(409, "account_deleted", "Account is deleted");
    let unban = as_admin(TestRequest::delete().uri(&format!("/admin/accounts/{}/ban", gone.id)));
    let push = as_admin(TestRequest::post().uri("/admin/push")).set_json(
        json!({"userId": gone.id, "title": "Firmware update", "body": "Ready", "kind": "notice"}),
    );
    for request in [unban, push] {
        let reply = send(&app, request).await;
        assert_eq!(
            (reply.status, &reply.body),
            (StatusCode::CONFLICT, &deleted)
        );
    }

    let account = format!("/accounts/{}", gone.id);
    let on_the_withdrawn = [
        TestRequest::get().uri(&account),
        TestRequest::patch()
            .uri(&account)
            .set_json(json!({"name": "Back Again"})),
        TestRequest::delete().uri(&account),
        TestRequest::get().uri(&format!(
            "{account}/profile/image/signed-put-url?filename=a.png"
        )),
    ];
    for request in on_the_withdrawn {
        let reply = send(&app, as_admin(request)).await;
        assert_eq!(
            (reply.status, reply.body),
            (StatusCode::NOT_FOUND, json!({"message": "Account Deleted"}))
        );
    }
    for request in [TestRequest::get(), TestRequest::delete()] {
        let reply = send(&app, as_admin(request.uri("/accounts/abc"))).await;
        assert_eq!(
            (reply.status, reply.body),
            (
                StatusCode::BAD_REQUEST,
                json!({"invalidFields": ["accountId"]})
            )
        );
    }
}

crate::on_both_stores!(an_admin_meets_other_missing_and_withdrawn_accounts);
