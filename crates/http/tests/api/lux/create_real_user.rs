use account_domain::children::{ChildUser, ChildWithDevice, CreateWithDeviceError};
use account_domain::values::{Gender, Role, Roles};
use actix_web::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::{child, date, device, instant, json, lux_error, root_user, signed_in, with_roles};
use crate::support::fixtures::{ACCOUNT_ID, now};
use crate::support::{Mocks, Reply, send, start};

const URI: &str = "/api/v1/lux/user/create-real-user";

/// The document's request, as written.
fn documented_request() -> Value {
    json!({
        "first_name": "test",
        "last_name": "",
        "birthdate": "19970101",
        "gender": "F",
        "serial_code": "SL20401000",
        "mac_id": "41AD",
        "unique_id": "unique"
    })
}

fn created_child() -> ChildUser {
    ChildUser {
        first_name: "test".into(),
        last_name: None,
        birthdate: date("19970101"),
        gender: Gender::Female,
        created_at: instant("2024-10-28T08:09:47.889Z"),
        ..child(1, 1)
    }
}

async fn create(mocks: Mocks, body: Value) -> Reply {
    let app = start(mocks).await;
    send(&app, json(Method::POST, URI, body)).await
}

fn store_answers(answer: fn() -> Result<ChildWithDevice, CreateWithDeviceError>) -> Mocks {
    let mut mocks = signed_in(root_user());
    mocks
        .children
        .expect_create_with_device()
        .times(1)
        .returning(move |_, _| answer());
    mocks
}

#[actix_web::test]
async fn answers_the_documented_example() {
    let mut mocks = signed_in(root_user());
    mocks
        .children
        .expect_create_with_device()
        .withf(|new, claim| {
            new.root_user_id == ACCOUNT_ID
                && new.first_name.as_str() == "test"
                && new.last_name.is_none()
                && new.birthdate == date("19970101")
                && new.gender == Gender::Female
                && new.now == now()
                && claim.serial_code.as_str() == "SL20401000"
                && claim.mac_id.as_str() == "41AD"
                && claim.unique_id.as_str() == "unique"
        })
        .times(1)
        .returning(|_, _| {
            Ok(ChildWithDevice {
                child: created_child(),
                device: device(Some(1)),
            })
        });

    let reply = create(mocks, documented_request()).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({
            "real_user_id": 1,
            "first_name": "test",
            "last_name": "",
            "birthdate": "19970101",
            "gender": "F",
            "device_id": 1,
            "now_firmware_id": 1,
            "unique_id": "unique",
            "serial_code": "SL20401000",
            "device_alias": "string",
            "last_log_file_id": 0,
            "created_at": "2024-10-28T08:09:47.889Z"
        })
    );
}

#[actix_web::test]
async fn a_device_of_another_child_is_409_already_connected_device() {
    let reply = create(
        store_answers(|| Err(CreateWithDeviceError::DeviceTaken)),
        documented_request(),
    )
    .await;

    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json, lux_error("Already Connected Device"));
}

#[actix_web::test]
async fn an_unknown_device_is_404_not_found_device() {
    let reply = create(
        store_answers(|| Err(CreateWithDeviceError::DeviceNotFound)),
        documented_request(),
    )
    .await;

    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json, lux_error("Not Found Device"));
}

#[actix_web::test]
async fn a_malformed_mac_id_or_unique_id_is_404_not_found_device() {
    for (field, value) in [
        ("mac_id", "41ad"),
        ("mac_id", "41:AD"),
        ("unique_id", "two words"),
    ] {
        let mut mocks = signed_in(root_user());
        mocks.children.expect_create_with_device().never();
        let mut body = documented_request();
        body[field] = json!(value);

        let reply = create(mocks, body).await;

        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{field} {value}");
        assert_eq!(reply.json, lux_error("Not Found Device"));
    }
}

#[actix_web::test]
async fn a_malformed_serial_code_is_400_serial_code_is_not_valid() {
    let mut mocks = signed_in(root_user());
    mocks.children.expect_create_with_device().never();
    let mut body = documented_request();
    body["serial_code"] = json!("SL-2040");

    let reply = create(mocks, body).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json, lux_error("Serial code is not valid"));
}

#[actix_web::test]
async fn a_caller_who_is_not_a_user_is_401_not_authorized_user() {
    let mut mocks = signed_in(with_roles(root_user(), Roles::new([Role::Server])));
    mocks.children.expect_create_with_device().never();

    let reply = create(mocks, documented_request()).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, lux_error("Not authorized user"));
}

#[actix_web::test]
async fn missing_fields_are_400_naming_them() {
    let reply = create(
        signed_in(root_user()),
        json!({"first_name": "test", "birthdate": "19970101", "gender": "F"}),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        lux_error(
            "last_name is required; serial_code is required; mac_id is required; unique_id is required"
        )
    );
}
