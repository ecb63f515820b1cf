use account_domain::accounts::Account;
use account_domain::values::{Gender, PersonName};
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::{authed, date, deleted, json, lux_error, root_user, signed_in, signed_in_then};
use crate::support::fixtures::{ACCOUNT_ID, now};
use crate::support::{send, start};

const URI: &str = "/api/v1/lux/user/root-user";

fn updated() -> Account {
    Account {
        first_name: Some("james".into()),
        birthdate: Some(date("19970101")),
        ..root_user()
    }
}

#[actix_web::test]
async fn an_update_answers_the_documented_example() {
    let mut mocks = signed_in(root_user());
    mocks
        .profiles
        .expect_update_profile()
        .withf(|id, patch, at| {
            *id == ACCOUNT_ID
                && patch.first_name == PersonName::parse("james").ok()
                && patch.last_name == Some(PersonName::parse("kim").ok())
                && patch.birthdate == Some(date("19970101"))
                && patch.gender == Some(Gender::Male)
                && *at == now()
        })
        .times(1)
        .returning(|_, _, _| Ok(Some(updated())));
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(
            Method::PATCH,
            URI,
            json!({
                "first_name": "james",
                "last_name": "kim",
                "birthdate": "19970101",
                "gender": "M"
            }),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({
            "id": 1,
            "first_name": "james",
            "last_name": "kim",
            "birthdate": "19970101",
            "gender": "M",
            "phone": "+821012345678",
            "is_phone_number_checked": true,
            "register_type": "E"
        })
    );
}

#[actix_web::test]
async fn an_update_is_partial() {
    let mut mocks = signed_in(root_user());
    mocks
        .profiles
        .expect_update_profile()
        .withf(|_, patch, _| {
            patch.gender == Some(Gender::PreferNotToSay)
                && patch.first_name.is_none()
                && patch.birthdate.is_none()
        })
        .times(1)
        .returning(|_, _, _| Ok(Some(root_user())));
    let app = start(mocks).await;

    let reply = send(&app, json(Method::PATCH, URI, json!({"gender": "P"}))).await;

    assert_eq!(reply.status, StatusCode::OK);
}

/// One rule with child users (the document's create-real-user example sends `""`): a root user
/// may have no last name either.
#[actix_web::test]
async fn an_empty_last_name_is_accepted_as_none() {
    let mut mocks = signed_in(root_user());
    mocks
        .profiles
        .expect_update_profile()
        .withf(|_, patch, _| patch.last_name == Some(None) && patch.first_name.is_none())
        .times(1)
        .returning(|_, _, _| {
            Ok(Some(Account {
                last_name: Some(String::new()),
                ..root_user()
            }))
        });
    let app = start(mocks).await;

    let reply = send(&app, json(Method::PATCH, URI, json!({"last_name": ""}))).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["last_name"], json!(""));
}

#[actix_web::test]
async fn invalid_values_are_400_naming_them() {
    let app = start(signed_in(root_user())).await;

    let reply = send(
        &app,
        json(
            Method::PATCH,
            URI,
            json!({"birthdate": "1997-01-01", "gender": "MALE"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        lux_error(
            "Birthdate must be yyyymmdd, for example 19970101; gender must be one of M, F, N, P"
        )
    );
}

#[actix_web::test]
async fn updating_a_vanished_account_is_user_is_none() {
    let app = start(signed_in_then(root_user(), None)).await;

    let reply = send(&app, json(Method::PATCH, URI, json!({"gender": "F"}))).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, lux_error("User is None"));
}

#[actix_web::test]
async fn updating_an_account_deleted_meanwhile_is_user_is_deleted() {
    let mut mocks = signed_in(root_user());
    mocks
        .profiles
        .expect_update_profile()
        .returning(|_, _, _| Ok(None));
    let app = start(mocks).await;

    let reply = send(&app, json(Method::PATCH, URI, json!({"gender": "F"}))).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, lux_error("User is Deleted"));
}

#[actix_web::test]
async fn withdrawal_answers_the_documented_example() {
    let mut mocks = signed_in(root_user());
    mocks
        .tx
        .expect_mark_account_deleted()
        .withf(|id, at| *id == ACCOUNT_ID && *at == now())
        .times(1)
        .returning(|_, _| Ok(true));
    mocks.tx.expect_revoke_sessions().returning(|_, _, _| Ok(1));
    mocks.tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    mocks
        .tx
        .expect_release_devices_of_children()
        .returning(|_, _| Ok(0));
    mocks.tx.expect_delete_children().returning(|_, _| Ok(0));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::DELETE, URI)).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"statusCode": 200, "message": "Root user deleted"})
    );
}

#[actix_web::test]
async fn a_withdrawal_that_loses_a_race_is_user_is_deleted() {
    let mut mocks = signed_in(root_user());
    mocks
        .tx
        .expect_mark_account_deleted()
        .returning(|_, _| Ok(false));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::DELETE, URI)).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, lux_error("User is Deleted"));
}

#[actix_web::test]
async fn withdrawing_a_vanished_account_is_user_is_none() {
    let app = start(signed_in_then(root_user(), None)).await;
    let gone = start(signed_in_then(root_user(), Some(deleted(root_user())))).await;

    let none = send(&app, authed(Method::DELETE, URI)).await;
    let deleted_reply = send(&gone, authed(Method::DELETE, URI)).await;

    assert_eq!(none.json, lux_error("User is None"));
    assert_eq!(deleted_reply.json, lux_error("User is Deleted"));
}
