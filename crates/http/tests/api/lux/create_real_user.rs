use account_domain::children::ChildUser;
use account_domain::devices::Device;
use account_domain::throttle::ThrottleKey;
use account_domain::values::{Gender, Role, Roles};
use actix_web::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::{child, date, device, instant, json, lux_error, root_user, signed_in, with_roles};
use crate::support::fixtures::{ACCOUNT_ID, PEER_IP, counted, now, retry_at};
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

/// The store holds the claimed device as `found` (none, free or bound); no child is created.
fn store_holds(found: Option<Device>) -> Mocks {
    let mut mocks = signed_in(root_user());
    mocks
        .tx
        .expect_lock_device_by_serial()
        .times(1)
        .return_once(move |_| Ok(found));
    mocks.tx.expect_insert_child().never();
    mocks
}

#[actix_web::test]
async fn answers_the_documented_example() {
    let mut mocks = signed_in(root_user());
    mocks
        .tx
        .expect_lock_device_by_serial()
        .withf(|serial| serial.as_str() == "SL20401000")
        .times(1)
        .returning(|_| Ok(Some(device(None))));
    mocks
        .tx
        .expect_insert_child()
        .withf(|new| {
            new.root_user_id == ACCOUNT_ID
                && new.first_name.as_str() == "test"
                && new.last_name.is_none()
                && new.birthdate == date("19970101")
                && new.gender == Gender::Female
                && new.now == now()
        })
        .times(1)
        .returning(|_| Ok(created_child()));
    mocks
        .tx
        .expect_bind_device()
        .withf(|device, child, at| device.0 == 1 && child.0 == 1 && *at == now())
        .times(1)
        .returning(|_, _, _| Ok(Some(device(Some(1)))));

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

/// The document asks for upper case; a client sending `41ad` still names the same device.
#[actix_web::test]
async fn a_lower_case_mac_id_claims_the_device() {
    let mut mocks = signed_in(root_user());
    mocks
        .tx
        .expect_lock_device_by_serial()
        .times(1)
        .returning(|_| Ok(Some(device(None))));
    mocks
        .tx
        .expect_insert_child()
        .times(1)
        .returning(|_| Ok(created_child()));
    mocks
        .tx
        .expect_bind_device()
        .times(1)
        .returning(|_, _, _| Ok(Some(device(Some(1)))));
    let mut body = documented_request();
    body["mac_id"] = json!("41ad");

    let reply = create(mocks, body).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["device_id"], json!(1));
}

#[actix_web::test]
async fn a_device_of_another_child_is_409_already_connected_device() {
    let mocks = store_holds(Some(device(Some(7))));
    let throttle = mocks.throttle.clone();

    let reply = create(mocks, documented_request()).await;

    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json, lux_error("Already Connected Device"));
    // A claim that named a device gets its attempt back.
    assert_eq!(counted(&throttle, "device-claim:account:1"), Some(0));
}

#[actix_web::test]
async fn an_unknown_device_is_404_not_found_device() {
    let mocks = store_holds(None);
    let throttle = mocks.throttle.clone();

    let reply = create(mocks, documented_request()).await;

    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json, lux_error("Not Found Device"));
    // A claim naming no device keeps its attempt counted against the caller.
    assert_eq!(throttle.count("device-claim:account:1"), 1);
    assert_eq!(throttle.count(&format!("device-claim:ip:{PEER_IP}")), 1);
}

#[actix_web::test]
async fn a_malformed_mac_id_or_unique_id_is_404_not_found_device() {
    for (field, value) in [
        ("mac_id", "41AG"),
        ("mac_id", "41:AD"),
        ("unique_id", "two words"),
    ] {
        let mut mocks = signed_in(root_user());
        mocks.tx.expect_lock_device_by_serial().never();
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
    mocks.tx.expect_lock_device_by_serial().never();
    let mut body = documented_request();
    body["serial_code"] = json!("SL-2040");

    let reply = create(mocks, body).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json, lux_error("Serial code is not valid"));
}

#[actix_web::test]
async fn a_caller_who_is_not_a_user_is_401_not_authorized_user() {
    let mut mocks = signed_in(with_roles(root_user(), Roles::new([Role::Server])));
    mocks.tx.expect_lock_device_by_serial().never();

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

#[actix_web::test]
async fn too_many_claims_naming_no_device_are_429_in_the_lux_shape() {
    for spent in [
        ThrottleKey::new("device-claim:account", "1"),
        ThrottleKey::per_ip("device-claim:ip", PEER_IP),
    ] {
        let mut mocks = signed_in(root_user());
        mocks.throttle.block(&spent, retry_at(600));
        mocks.tx.expect_lock_device_by_serial().never();

        let reply = create(mocks, documented_request()).await;

        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "{spent:?}");
        assert_eq!(reply.header("retry-after"), Some("600"));
        assert_eq!(reply.json["detail"], "Too many requests");
    }
}
