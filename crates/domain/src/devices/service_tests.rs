use std::sync::Arc;

use super::*;
use crate::accounts::AccountId;
use crate::devices::{DeviceKey, DuplicateDevice, MockDeviceRepository};
use crate::security_events::capture::capture;
use crate::testing::{child_with_device, clock_at, device, principal, t0};

fn service(devices: MockDeviceRepository) -> DeviceService {
    DeviceService::new(Arc::new(devices), Arc::new(clock_at(t0())))
}

fn new_device(id: i64) -> NewDevice {
    let d = device(id, None);
    NewDevice {
        serial_code: d.serial_code,
        mac_id: d.mac_id,
        unique_id: d.unique_id,
        alias: d.alias,
        now_firmware_id: d.now_firmware_id,
    }
}

fn report() -> ProvisionReport {
    ProvisionReport {
        created: vec![device(1, None)],
        duplicates: vec![DuplicateDevice {
            index: 1,
            serial_code: device(2, None).serial_code,
            key: DeviceKey::SerialCode,
        }],
    }
}

#[tokio::test]
async fn servers_and_admins_provision_a_batch() {
    for roles in [vec![Role::Server], vec![Role::Admin, Role::User]] {
        let mut devices = MockDeviceRepository::new();
        devices
            .expect_provision()
            .withf(|batch, now| batch == [new_device(1), new_device(2)] && *now == t0())
            .times(1)
            .returning(|_, _| Ok(report()));
        let done = service(devices)
            .provision(&principal(9, &roles), vec![new_device(1), new_device(2)])
            .await
            .unwrap();
        assert_eq!(done, report());
    }
}

#[tokio::test]
async fn users_and_staff_may_not_provision() {
    for roles in [vec![Role::User], vec![Role::Staff]] {
        let mut devices = MockDeviceRepository::new();
        devices.expect_provision().never();
        let err = service(devices)
            .provision(&principal(9, &roles), vec![new_device(1)])
            .await
            .unwrap_err();
        assert!(matches!(err, ProvisionError::Forbidden), "{err:?}");
    }
}

#[tokio::test]
async fn a_batch_over_the_limit_is_refused() {
    let mut devices = MockDeviceRepository::new();
    devices.expect_provision().never();
    let batch = vec![new_device(1); MAX_PROVISION_BATCH + 1];
    let err = service(devices)
        .provision(&principal(9, &[Role::Server]), batch)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ProvisionError::BatchTooLarge {
                max: MAX_PROVISION_BATCH
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_empty_batch_does_nothing() {
    let mut devices = MockDeviceRepository::new();
    devices.expect_provision().never();
    let done = service(devices)
        .provision(&principal(9, &[Role::Server]), Vec::new())
        .await
        .unwrap();
    assert_eq!(done, ProvisionReport::default());
}

#[tokio::test]
async fn provision_passes_store_failures_on() {
    let mut devices = MockDeviceRepository::new();
    devices
        .expect_provision()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    let err = service(devices)
        .provision(&principal(9, &[Role::Admin]), vec![new_device(1)])
        .await
        .unwrap_err();
    assert!(matches!(err, ProvisionError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn devices_of_the_caller_come_with_their_children() {
    let mut devices = MockDeviceRepository::new();
    devices
        .expect_list_for_root_user()
        .withf(|a| *a == AccountId(1))
        .returning(|_| Ok(vec![child_with_device(3, 1, 1), child_with_device(4, 1, 2)]));
    let listed = service(devices)
        .devices_of(&principal(1, &[]))
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].device.real_user_id, Some(listed[1].child.id));
}

#[tokio::test]
async fn devices_of_passes_store_failures_on() {
    let mut devices = MockDeviceRepository::new();
    devices
        .expect_list_for_root_user()
        .returning(|_| Err(UnexpectedError::new("db down")));
    assert!(
        service(devices)
            .devices_of(&principal(1, &[]))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn the_operator_imports_any_number_of_rows_in_batches() {
    let mut devices = MockDeviceRepository::new();
    devices
        .expect_provision()
        .withf(|batch, now| batch.len() <= MAX_PROVISION_BATCH && *now == t0())
        .times(2)
        .returning(|_, _| Ok(report()));
    let rows = (0..MAX_PROVISION_BATCH as i64 + 1)
        .map(new_device)
        .collect();
    let imported = service(devices).import(rows).await.unwrap();
    assert_eq!(imported.created.len(), 2);
    let indexes: Vec<usize> = imported.duplicates.iter().map(|d| d.index).collect();
    assert_eq!(
        indexes,
        vec![1, MAX_PROVISION_BATCH + 1],
        "indexes refer to the whole input"
    );
}

#[tokio::test]
async fn the_import_tells_how_many_rows_are_stored_after_each_batch() {
    let mut devices = MockDeviceRepository::new();
    devices
        .expect_provision()
        .times(3)
        .returning(|_, _| Ok(report()));
    let rows = (0..2 * MAX_PROVISION_BATCH as i64 + 5)
        .map(new_device)
        .collect();
    let mut told = Vec::new();
    service(devices)
        .import_with_progress(rows, |stored| told.push(stored))
        .await
        .unwrap();
    assert_eq!(
        told,
        [
            MAX_PROVISION_BATCH,
            2 * MAX_PROVISION_BATCH,
            2 * MAX_PROVISION_BATCH + 5
        ]
    );
}

#[tokio::test]
async fn import_passes_store_failures_on() {
    let mut devices = MockDeviceRepository::new();
    devices
        .expect_provision()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    assert!(service(devices).import(vec![new_device(1)]).await.is_err());
}

#[tokio::test]
async fn a_refused_provisioning_is_a_security_event() {
    let (refused, log) = capture(async {
        service(MockDeviceRepository::new()).ensure_may_provision(&principal(9, &[Role::User]))
    })
    .await;
    assert!(matches!(refused, Err(ProvisionError::Forbidden)));
    let expected = [
        ("account_id", "9"),
        ("action", "provision_devices"),
        ("required_role", "SERVER|ADMIN"),
    ];
    log.only("role_denied")
        .assert_has(tracing::Level::WARN, &expected);

    let (allowed, log) = capture(async {
        service(MockDeviceRepository::new()).ensure_may_provision(&principal(9, &[Role::Server]))
    })
    .await;
    assert!(allowed.is_ok());
    assert!(log.events().is_empty(), "{:?}", log.events());
}
