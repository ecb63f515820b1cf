use account_domain::children::ChildId;
use account_domain::values::{Gender, PersonName};
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::{authed, child, date, json, lux_error, root_user, signed_in};
use crate::support::fixtures::now;
use crate::support::{Mocks, send, start};

const URI: &str = "/api/v1/lux/user/real-user/1";

/// Child user 1 belongs to `owner`.
fn finding(owner: Option<i64>) -> Mocks {
    let mut mocks = signed_in(root_user());
    mocks
        .children
        .expect_find()
        .withf(|id| *id == ChildId(1))
        .returning(move |id| Ok(owner.map(|owner| child(id.0, owner))));
    mocks
}

#[actix_web::test]
async fn reading_answers_the_documented_fields_and_types() {
    let app = start(finding(Some(1))).await;

    let reply = send(&app, authed(Method::GET, URI)).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({
            "id": 1,
            "root_user_id": 1,
            "first_name": "tester",
            "last_name": "john",
            "birthdate": "20010608",
            "gender": "P"
        })
    );
}

#[actix_web::test]
async fn another_users_child_is_401_not_authorized_user() {
    let app = start(finding(Some(2))).await;

    let get = send(&app, authed(Method::GET, URI)).await;
    let patch = send(&app, json(Method::PATCH, URI, json!({"first_name": "x"}))).await;

    for reply in [get, patch] {
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.json, lux_error("Not authorized user"));
    }
}

#[actix_web::test]
async fn an_unknown_child_is_404_real_user_is_not_found() {
    let app = start(finding(None)).await;

    let get = send(&app, authed(Method::GET, URI)).await;
    let patch = send(&app, json(Method::PATCH, URI, json!({"first_name": "x"}))).await;

    for reply in [get, patch] {
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(reply.json, lux_error("Real user is not found"));
    }
}

#[actix_web::test]
async fn a_path_id_that_is_not_an_integer_is_400() {
    let app = start(signed_in(root_user())).await;

    let reply = send(&app, authed(Method::GET, "/api/v1/lux/user/real-user/one")).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json, lux_error("real_user_id must be an integer"));
}

#[actix_web::test]
async fn an_update_answers_the_documented_example() {
    let mut mocks = signed_in(root_user());
    mocks
        .children
        .expect_find()
        .returning(|id| Ok(Some(child(id.0, 1))));
    mocks
        .children
        .expect_update()
        .withf(|id, patch, at| {
            *id == ChildId(1)
                && patch.first_name == PersonName::parse("tester").ok()
                && patch.last_name == Some(PersonName::parse("john").ok())
                && patch.birthdate == Some(date("20010608"))
                && patch.gender == Some(Gender::PreferNotToSay)
                && *at == now()
        })
        .times(1)
        .returning(|id, _, _| Ok(Some(child(id.0, 1))));
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(
            Method::PATCH,
            URI,
            json!({
                "id": 1,
                "first_name": "tester",
                "last_name": "john",
                "birthdate": "20010608",
                "gender": "P"
            }),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({
            "id": 1,
            "root_user_id": 1,
            "first_name": "tester",
            "last_name": "john",
            "birthdate": "20010608",
            "gender": "P"
        })
    );
}

#[actix_web::test]
async fn a_body_id_other_than_the_paths_is_400() {
    let mut mocks = signed_in(root_user());
    mocks.children.expect_update().never();
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(Method::PATCH, URI, json!({"id": 2, "first_name": "x"})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        lux_error("Body id must be the real_user_id of the path")
    );
}
