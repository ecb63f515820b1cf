//! `DeviceRepository`: provisioning batches (duplicates reported, never an error), and the
//! devices of a root user.

use std::collections::HashSet;
use std::sync::Arc;

use account_domain::accounts::AccountId;
use account_domain::devices::{Device, DeviceKey, DuplicateDevice, NewDevice};
use account_domain::store::Repositories;
use tokio::sync::Barrier;

use super::fixtures::{registered, secs, t0};
use super::lux_fixtures::{
    child_with_device, mac, new_device, provisioned, released, serial, unique,
};

fn duplicate(index: usize, serial_code: &str, key: DeviceKey) -> DuplicateDevice {
    DuplicateDevice {
        index,
        serial_code: serial(serial_code),
        key,
    }
}

fn serials(devices: &[Device]) -> Vec<&str> {
    devices.iter().map(|d| d.serial_code.as_str()).collect()
}

pub async fn provision_creates_unbound_devices_in_batch_order(repos: &Repositories) {
    let at = t0() + secs(60);
    let named = NewDevice {
        serial_code: serial("AB00000002"),
        mac_id: mac("0F9E"),
        unique_id: unique("3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b"),
        alias: Some("living room".into()),
        now_firmware_id: None,
    };
    let batch = [new_device("SL20401000", "unique-1"), named.clone()];

    let report = repos
        .devices
        .provision(&batch, at)
        .await
        .expect("provision");

    assert!(report.duplicates.is_empty(), "{report:?}");
    assert_eq!(serials(&report.created), vec!["SL20401000", "AB00000002"]);
    let second = &report.created[1];
    assert_eq!(
        second,
        &Device {
            id: second.id,
            serial_code: named.serial_code,
            mac_id: named.mac_id,
            unique_id: named.unique_id,
            alias: named.alias,
            now_firmware_id: None,
            last_log_file_id: None,
            real_user_id: None,
            created_at: at,
        }
    );
    assert_eq!(report.created[0].now_firmware_id, Some(1));
    assert_ne!(report.created[0].id, second.id);
}

pub async fn provision_reports_duplicates_within_a_batch(repos: &Repositories) {
    let batch = [
        new_device("SL20401000", "unique-1"),
        new_device("SL20401000", "unique-2"),
        new_device("SL20401001", "unique-1"),
        new_device("SL20401002", "unique-3"),
        new_device("SL20401002", "unique-3"),
    ];

    let report = repos
        .devices
        .provision(&batch, t0())
        .await
        .expect("provision");

    assert_eq!(serials(&report.created), vec!["SL20401000", "SL20401002"]);
    assert_eq!(
        report.duplicates,
        vec![
            duplicate(1, "SL20401000", DeviceKey::SerialCode),
            duplicate(2, "SL20401001", DeviceKey::UniqueId),
            duplicate(4, "SL20401002", DeviceKey::SerialCode),
        ]
    );
}

pub async fn provision_reports_duplicates_against_the_inventory(repos: &Repositories) {
    let existing = provisioned(repos, "SL20401000", "unique-1").await;
    let batch = [
        new_device("SL20401001", "unique-2"),
        new_device("SL20401000", "unique-1"),
        new_device("SL20401002", "unique-1"),
        new_device("SL20401000", "unique-9"),
    ];

    let report = repos
        .devices
        .provision(&batch, t0() + secs(5))
        .await
        .expect("provision");
    assert_eq!(serials(&report.created), vec!["SL20401001"]);
    assert_eq!(
        report.duplicates,
        vec![
            duplicate(1, "SL20401000", DeviceKey::SerialCode),
            duplicate(2, "SL20401002", DeviceKey::UniqueId),
            duplicate(3, "SL20401000", DeviceKey::SerialCode),
        ],
        "both keys taken: the serial code is reported"
    );

    let again = repos
        .devices
        .provision(&batch, t0() + secs(10))
        .await
        .expect("provision");
    assert!(again.created.is_empty(), "a re-run creates nothing");
    assert_eq!(
        again.duplicates.iter().map(|d| d.index).collect::<Vec<_>>(),
        vec![0, 1, 2, 3]
    );
    let parent = registered(repos, "parent@example.com").await;
    let owned = child_with_device(repos, parent.id, "Min", "SL20401000", "unique-1").await;
    assert_eq!(
        owned.device.id, existing.id,
        "the existing device was not replaced"
    );
}

pub async fn concurrent_overlapping_batches_report_duplicates_not_errors(repos: &Repositories) {
    for round in 0..5 {
        let batch: Vec<NewDevice> = (0..20)
            .map(|i| new_device(&format!("SL{round}{i:07}"), &format!("u-{round}-{i}")))
            .collect();
        let reversed: Vec<NewDevice> = batch.iter().rev().cloned().collect();
        let start = Arc::new(Barrier::new(2));
        let racers = [batch, reversed].map(|rows| {
            let (repos, start) = (repos.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                repos.devices.provision(&rows, t0()).await
            })
        });
        let mut created = Vec::new();
        let mut duplicates = 0;
        for racer in racers {
            let report = racer
                .await
                .expect("the task completes")
                .unwrap_or_else(|err| panic!("round {round}: a batch failed: {err:?}"));
            duplicates += report.duplicates.len();
            created.extend(report.created.into_iter().map(|d| d.serial_code));
        }
        let distinct: HashSet<_> = created.iter().cloned().collect();
        assert_eq!(
            (created.len(), distinct.len(), duplicates),
            (20, 20, 20),
            "round {round}: every row created once and reported once as a duplicate"
        );
    }
}

pub async fn list_for_root_user_lists_the_devices_of_live_children(repos: &Repositories) {
    let parent = registered(repos, "parent@example.com").await;
    let other = registered(repos, "other@example.com").await;
    for (serial_code, unique_id) in [
        ("SL20401000", "unique-1"),
        ("SL20401001", "unique-2"),
        ("SL20401002", "unique-3"),
        ("SL20401003", "unique-4"),
        ("SL20401004", "unique-5"),
    ] {
        provisioned(repos, serial_code, unique_id).await;
    }
    let later_device = child_with_device(repos, parent.id, "Min", "SL20401002", "unique-3").await;
    let earlier_device =
        child_with_device(repos, parent.id, "Joon", "SL20401000", "unique-1").await;
    let deleted = child_with_device(repos, parent.id, "Gone", "SL20401001", "unique-2").await;
    child_with_device(repos, other.id, "Other", "SL20401003", "unique-4").await;
    released(repos, deleted.child.id, &unique("unique-2"), t0() + secs(5))
        .await
        .expect("delete");

    assert_eq!(
        repos
            .devices
            .list_for_root_user(parent.id)
            .await
            .expect("list"),
        vec![earlier_device, later_device],
        "by device id; no deleted child, no other parent's child, no free device"
    );
    assert!(
        repos
            .devices
            .list_for_root_user(AccountId(987_654))
            .await
            .expect("list")
            .is_empty()
    );
}
