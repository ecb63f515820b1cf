//! The accounts-with-roles document end to end on both stores: two users registered and signed
//! in through `/auth/accounts/...`; one reads, changes and deletes their own account, the other
//! is refused it but reads its public profile until it is deleted.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, http, post_json, send, with_bearer};

const PASSWORD: &str = "correct horse battery";

fn text(body: &Value, key: &str) -> String {
    body[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {body}"))
        .to_owned()
}

async fn owners_act_on_their_account_and_others_are_refused(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let sign_up = |email: &'static str, name: &'static str| {
        let app = &app;
        async move {
            let created = send(
                app,
                post_json(
                    "/auth/accounts/register",
                    json!({"email": email, "password": PASSWORD, "name": name}),
                ),
            )
            .await;
            assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
            let tokens = send(
                app,
                post_json(
                    "/auth/accounts/login",
                    json!({"email": email, "password": PASSWORD}),
                ),
            )
            .await;
            assert_eq!(tokens.status, StatusCode::OK, "{}", tokens.body);
            (
                created.body["id"].as_i64().unwrap_or_default(),
                text(&tokens.body, "accessToken"),
            )
        }
    };
    let (owner, owner_token) = sign_up("owner@example.com", "Owner Kim").await;
    let (other, other_token) = sign_up("other@example.com", "Other Lee").await;
    assert_ne!(owner, other);
    let call = |request: TestRequest, token: &str| send(&app, with_bearer(request, token));
    let account = format!("/accounts/{owner}");
    let profile = format!("/users/{owner}/profile");

    let read = call(TestRequest::get().uri(&account), &owner_token).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert_eq!(read.body["userId"], owner);
    assert_eq!(read.body["name"], "Owner Kim");
    assert_eq!(read.body["email"], "owner@example.com");
    assert_eq!(read.body["roles"], json!(["USER"]));
    assert_eq!(read.body["emailVerified"], false);
    let created_at = text(&read.body, "createdAt");
    assert!(
        created_at.ends_with('Z') && created_at.len() == "2023-10-08T03:59:55.536658Z".len(),
        "{created_at}"
    );
    assert!(read.body.get("gender").is_none(), "{}", read.body);

    let changed = call(
        TestRequest::patch()
            .uri(&account)
            .set_json(json!({"gender": "FEMALE", "birthDate": "1997-01-31", "name": "Owner Lee"})),
        &owner_token,
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["gender"], "FEMALE");
    assert_eq!(changed.body["birthDate"], "1997-01-31");
    assert_eq!(changed.body["name"], "Owner Lee");
    let reread = call(TestRequest::get().uri(&account), &owner_token).await;
    assert_eq!(
        (&reread.body["birthDate"], &reread.body["name"]),
        (&json!("1997-01-31"), &json!("Owner Lee")),
        "the change is stored"
    );

    let invalid = call(
        TestRequest::patch()
            .uri(&account)
            .set_json(json!({"name": "x", "gender": "M"})),
        &owner_token,
    )
    .await;
    assert_eq!(invalid.status, StatusCode::BAD_REQUEST);
    assert_eq!(invalid.body, json!({"invalidFields": ["name", "gender"]}));

    let summary = call(
        TestRequest::get().uri(&format!("{account}/summary")),
        &owner_token,
    )
    .await;
    assert_eq!(
        summary.body,
        json!({"userId": owner, "name": "Owner Lee", "profileImgUri": null})
    );
    let public = call(TestRequest::get().uri(&profile), &other_token).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(public.body, summary.body);

    for request in [
        TestRequest::get().uri(&account),
        TestRequest::get().uri(&format!("{account}/summary")),
        TestRequest::delete().uri(&account),
    ] {
        let refused = call(request, &other_token).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.body["message"].is_string(), "{}", refused.body);
        assert_eq!(refused.body.as_object().map(|o| o.len()), Some(1));
    }

    let deleted = call(TestRequest::delete().uri(&account), &owner_token).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    let gone = call(TestRequest::get().uri(&profile), &other_token).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.body, json!({"message": "User Not Found"}));
    let after = call(TestRequest::get().uri(&account), &owner_token).await;
    assert_eq!(
        after.status,
        StatusCode::UNAUTHORIZED,
        "the deleted owner's token ends"
    );
    assert!(after.body["message"].is_string(), "{}", after.body);

    let logged_out = call(TestRequest::post().uri("/account/logout"), &other_token).await;
    assert_eq!(logged_out.status, StatusCode::NO_CONTENT);
    let ended = call(
        TestRequest::get().uri(&format!("/users/{other}/profile")),
        &other_token,
    )
    .await;
    assert_eq!(ended.status, StatusCode::UNAUTHORIZED);
    assert!(ended.body["message"].is_string(), "{}", ended.body);
}

crate::on_both_stores!(owners_act_on_their_account_and_others_are_refused);
