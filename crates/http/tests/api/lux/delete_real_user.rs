use account_domain::children::{ChildId, DeleteAndReleaseError};
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::{authed, child, json, lux_error, raw_json, root_user, signed_in};
use crate::support::fixtures::now;
use crate::support::{Mocks, Reply, send, start};

const URI: &str = "/api/v1/lux/user/delete-real-user";

/// Child user 1 belongs to `owner`; device `string` is bound to it when `released` is `Ok`.
fn deleting(owner: Option<i64>, released: Result<(), fn() -> DeleteAndReleaseError>) -> Mocks {
    let mut mocks = signed_in(root_user());
    mocks
        .children
        .expect_find()
        .withf(|id| *id == ChildId(1))
        .returning(move |id| Ok(owner.map(|owner| child(id.0, owner))));
    let bound = released.is_ok();
    mocks
        .tx
        .expect_lock_live_child()
        .withf(|id| *id == ChildId(1))
        .returning(|_| Ok(true));
    mocks
        .tx
        .expect_device_bound_to()
        .withf(|unique_id, id| unique_id.as_str() == "string" && *id == ChildId(1))
        .returning(move |_, _| Ok(bound));
    mocks
        .tx
        .expect_release_devices_of_child()
        .withf(|id, at| *id == ChildId(1) && *at == now())
        .returning(|_, _| Ok(1));
    mocks
        .tx
        .expect_delete_child()
        .withf(|id, at| *id == ChildId(1) && *at == now())
        .returning(|_, _| Ok(()));
    mocks
}

async fn delete(mocks: Mocks) -> Reply {
    let app = start(mocks).await;
    send(
        &app,
        json(
            Method::DELETE,
            URI,
            json!({"real_user_id": 1, "unique_id": "string"}),
        ),
    )
    .await
}

#[actix_web::test]
async fn answers_the_documented_example() {
    let reply = delete(deleting(Some(1), Ok(()))).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"statusCode": 200, "message": "Real user deleted successfully"})
    );
}

#[actix_web::test]
async fn another_users_child_is_401_not_authorized_user() {
    let reply = delete(deleting(Some(2), Ok(()))).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, lux_error("Not authorized user"));
}

#[actix_web::test]
async fn an_unknown_child_is_404_real_user_is_not_found() {
    let reply = delete(deleting(None, Ok(()))).await;

    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json, lux_error("Real user is not found"));
}

#[actix_web::test]
async fn a_device_not_bound_to_the_child_is_409_real_user_delete_failed() {
    let reply = delete(deleting(
        Some(1),
        Err(|| DeleteAndReleaseError::DeviceNotBound),
    ))
    .await;

    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json, lux_error("Real user delete failed"));
}

#[actix_web::test]
async fn the_documents_example_with_its_trailing_comma_is_malformed_json() {
    let app = start(signed_in(root_user())).await;

    let reply = send(
        &app,
        raw_json(
            Method::DELETE,
            URI,
            r#"{"real_user_id": 1, "unique_id": "string",}"#,
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.json["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("Malformed JSON: trailing comma")),
        "{}",
        reply.text
    );
}

#[actix_web::test]
async fn both_fields_are_required() {
    let app = start(signed_in(root_user())).await;

    let reply = send(&app, json(Method::DELETE, URI, json!({}))).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        lux_error("real_user_id is required; unique_id is required")
    );
}

/// The document lists the fields under "Parameters": a `DELETE` with them in the query string
/// and no body (so no `Content-Type`) is the same request as the example's JSON body.
#[actix_web::test]
async fn the_fields_may_come_as_query_parameters_without_a_body() {
    let app = start(deleting(Some(1), Ok(()))).await;

    let reply = send(
        &app,
        authed(
            Method::DELETE,
            &format!("{URI}?real_user_id=1&unique_id=string"),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(
        reply.json,
        json!({"statusCode": 200, "message": "Real user deleted successfully"})
    );
}

#[actix_web::test]
async fn a_field_missing_from_the_body_is_taken_from_the_query() {
    let app = start(deleting(Some(1), Ok(()))).await;

    let reply = send(
        &app,
        json(
            Method::DELETE,
            &format!("{URI}?unique_id=string"),
            json!({"real_user_id": 1}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
}

#[actix_web::test]
async fn without_body_or_query_both_fields_are_400_in_the_lux_shape() {
    let app = start(signed_in(root_user())).await;

    let reply = send(&app, authed(Method::DELETE, URI)).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        lux_error("real_user_id is required; unique_id is required")
    );
}

#[actix_web::test]
async fn a_query_id_that_is_not_an_integer_is_400_in_the_lux_shape() {
    let app = start(signed_in(root_user())).await;

    let reply = send(
        &app,
        authed(
            Method::DELETE,
            &format!("{URI}?real_user_id=one&unique_id=string"),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.json["detail"].is_string(), "{}", reply.text);
    assert_eq!(reply.json.as_object().map(|o| o.len()), Some(1));
}
