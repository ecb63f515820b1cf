use account_domain::children::ChildWithDevice;
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::{authed, child, device, root_user, signed_in};
use crate::support::fixtures::ACCOUNT_ID;
use crate::support::{send, start};

const URI: &str = "/api/v1/lux/device/get-all-device";

#[actix_web::test]
async fn lists_the_callers_devices_with_their_child_users() {
    let mut mocks = signed_in(root_user());
    mocks
        .devices
        .expect_list_for_root_user()
        .withf(|owner| *owner == ACCOUNT_ID)
        .times(1)
        .returning(|_| {
            Ok(vec![ChildWithDevice {
                child: child(1, 1),
                device: super::Device {
                    alias: None,
                    last_log_file_id: None,
                    ..device(Some(1))
                },
            }])
        });
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, URI)).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!([{
            "device_id": 1,
            "serial_code": "SL20401000",
            "mac_id": "41AD",
            "unique_id": "unique",
            "device_alias": null,
            "now_firmware_id": 1,
            "last_log_file_id": 0,
            "real_user_id": 1,
            "real_user": {
                "id": 1,
                "root_user_id": 1,
                "first_name": "tester",
                "last_name": "john",
                "birthdate": "20010608",
                "gender": "P"
            }
        }])
    );
}

#[actix_web::test]
async fn no_devices_is_an_empty_list() {
    let mut mocks = signed_in(root_user());
    mocks
        .devices
        .expect_list_for_root_user()
        .returning(|_| Ok(Vec::new()));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, URI)).await;

    assert_eq!(reply.json, json!([]));
}
