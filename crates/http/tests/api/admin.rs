//! Administration routes (account-management error shape).

use account_domain::accounts::AccountId;
use account_domain::auth::SessionId;
use account_domain::devices::{DeviceKey, DuplicateDevice, ProvisionReport};
use account_domain::policies::{ConsentKind, ConsentRecord};
use account_domain::values::{Role, Roles, SerialCode};
use actix_web::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::lux::{authed, device, instant, json, root_user, signed_in, with_roles};
use crate::support::fixtures::{PEER_IP, now};
use crate::support::{Mocks, generic_error, generic_field_error, send, start};

const DEVICES: &str = "/admin/devices";

fn signed_in_as(roles: &[Role]) -> Mocks {
    signed_in(with_roles(root_user(), Roles::new(roles.iter().copied())))
}

fn batch() -> Value {
    json!([
        {"serial_code": "SL20401000", "mac_id": "41AD", "unique_id": "unique", "device_alias": "Living room", "now_firmware_id": 1},
        {"serial_code": "SL20401001", "mac_id": "0F9E", "unique_id": "unique-2"}
    ])
}

#[actix_web::test]
async fn servers_and_admins_provision_devices_and_hear_of_duplicates() {
    for role in [Role::Server, Role::Admin] {
        let mut mocks = signed_in_as(&[role]);
        mocks
            .devices
            .expect_provision()
            .withf(|devices, at| {
                devices.len() == 2
                    && devices[0].alias.as_deref() == Some("Living room")
                    && devices[0].now_firmware_id == Some(1)
                    && devices[1].alias.is_none()
                    && *at == now()
            })
            .times(1)
            .returning(|_, _| {
                Ok(ProvisionReport {
                    created: vec![device(None)],
                    duplicates: vec![DuplicateDevice {
                        index: 1,
                        serial_code: SerialCode::parse("SL20401001").unwrap(),
                        key: DeviceKey::UniqueId,
                    }],
                })
            });
        let app = start(mocks).await;

        let reply = send(&app, json(Method::POST, DEVICES, batch())).await;

        assert_eq!(reply.status, StatusCode::CREATED, "{role}");
        assert_eq!(
            reply.json,
            json!({
                "created": 1,
                "duplicates": [{"index": 1, "serial_code": "SL20401001", "reason": "unique_id_taken"}]
            })
        );
    }
}

#[actix_web::test]
async fn other_roles_are_403() {
    for role in [Role::User, Role::Staff] {
        let mut mocks = signed_in_as(&[role]);
        mocks.devices.expect_provision().never();
        let app = start(mocks).await;

        let reply = send(&app, json(Method::POST, DEVICES, batch())).await;

        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{role}");
        assert_eq!(reply.json, generic_error(403, "forbidden", "Forbidden"));
    }
}

#[actix_web::test]
async fn other_roles_learn_nothing_about_the_rows() {
    let mut mocks = signed_in_as(&[Role::User]);
    mocks.devices.expect_provision().never();
    let app = start(mocks).await;

    let invalid = json!([{"serial_code": "nope", "mac_id": "zz", "unique_id": ""}]);
    let reply = send(&app, json(Method::POST, DEVICES, invalid)).await;

    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn invalid_rows_are_named() {
    let mut mocks = signed_in_as(&[Role::Server]);
    mocks.devices.expect_provision().never();
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(
            Method::POST,
            DEVICES,
            json!([
                {"serial_code": "SL20401000", "mac_id": "41AD", "unique_id": "unique"},
                {"serial_code": "SL2040", "mac_id": "41AD"}
            ]),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        generic_field_error(
            400,
            "invalid_fields",
            "[1]: serial code must be 2 upper-case letters and 8 digits, for example SL20401000; \
             [1]: unique_id is required",
            &["[1].serial_code", "[1].unique_id"]
        )
    );
}

#[actix_web::test]
async fn a_body_that_is_not_a_list_is_400() {
    let app = start(signed_in_as(&[Role::Server])).await;

    let reply = send(
        &app,
        json(Method::POST, DEVICES, json!({"serial_code": "SL20401000"})),
    )
    .await;

    assert_eq!(
        reply.json,
        generic_error(400, "invalid_request", "Request body must be a JSON array")
    );
}

#[actix_web::test]
async fn a_batch_larger_than_the_general_body_limit_is_accepted() {
    let rows: Vec<Value> = (0..1000)
        .map(|i| json!({"serial_code": format!("SL{i:08}"), "mac_id": "41AD", "unique_id": format!("unique-{i}")}))
        .collect();
    let mut mocks = signed_in_as(&[Role::Server]);
    mocks
        .devices
        .expect_provision()
        .withf(|devices, _| devices.len() == 1000)
        .returning(|_, _| Ok(ProvisionReport::default()));
    let app = start(mocks).await;

    let reply = send(&app, json(Method::POST, DEVICES, Value::Array(rows))).await;

    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
}

fn record(account: i64) -> ConsentRecord {
    ConsentRecord {
        id: 7,
        account_id: AccountId(account),
        kind: ConsentKind::Marketing,
        agreed: true,
        session_id: Some(SessionId(3)),
        ip: Some(PEER_IP.into()),
        recorded_at: instant("2024-10-28T07:47:53.563Z"),
    }
}

#[actix_web::test]
async fn admins_read_any_consent_history() {
    let mut mocks = signed_in_as(&[Role::Admin]);
    mocks
        .policies
        .expect_history()
        .withf(|account| *account == AccountId(2))
        .times(1)
        .returning(|account| Ok(vec![record(account.0)]));
    let app = start(mocks).await;

    let reply = send(
        &app,
        authed(Method::GET, "/admin/accounts/2/consent-history"),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!([{
            "id": 7, "accountId": 2, "kind": "marketing", "agreed": true, "sessionId": 3,
            "ip": PEER_IP, "recordedAt": "2024-10-28T07:47:53.563Z"
        }])
    );
}

#[actix_web::test]
async fn others_read_only_their_own_history() {
    let mut mocks = signed_in_as(&[Role::User, Role::Staff]);
    mocks
        .policies
        .expect_history()
        .withf(|account| *account == AccountId(1))
        .returning(|_| Ok(Vec::new()));
    let app = start(mocks).await;

    let other = send(
        &app,
        authed(Method::GET, "/admin/accounts/2/consent-history"),
    )
    .await;
    let own = send(
        &app,
        authed(Method::GET, "/admin/accounts/1/consent-history"),
    )
    .await;

    assert_eq!(other.status, StatusCode::FORBIDDEN);
    assert_eq!(other.json, generic_error(403, "forbidden", "Forbidden"));
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.json, json!([]));
}
