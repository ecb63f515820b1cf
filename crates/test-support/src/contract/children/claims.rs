//! Claims: a child user and its device, both or neither.

use account_domain::children::{ChildUser, CreateWithDeviceError, DeviceClaim};
use account_domain::devices::Device;
use account_domain::store::Repositories;
use account_domain::values::Gender;

use crate::contract::fixtures::{registered, secs, t0};
use crate::contract::lux_fixtures::{
    birthdate, child_with_device, claim, claimed, live_children, mac, name, new_child, provisioned,
};

pub async fn a_claim_creates_the_child_and_binds_the_device(repos: &Repositories) {
    let parent = registered(repos, "parent@example.com").await;
    let device = provisioned(repos, "SL20401000", "unique-1").await;
    let at = t0() + secs(60);
    let mut child = new_child(parent.id, "Min", at);
    child.last_name = Some(name("Kim"));

    let created = claimed(repos, &child, &claim("SL20401000", "unique-1"))
        .await
        .expect("the claim succeeds");

    let expected_child = ChildUser {
        id: created.child.id,
        root_user_id: parent.id,
        first_name: "Min".into(),
        last_name: Some("Kim".into()),
        birthdate: birthdate(2019, 3, 1),
        gender: Gender::Female,
        created_at: at,
        updated_at: at,
        deleted_at: None,
    };
    assert_eq!(created.child, expected_child);
    assert_eq!(
        created.device,
        Device {
            real_user_id: Some(created.child.id),
            ..device
        }
    );
    assert_eq!(
        repos.children.find(created.child.id).await.expect("find"),
        Some(expected_child)
    );
    assert_eq!(
        repos
            .devices
            .list_for_root_user(parent.id)
            .await
            .expect("list"),
        vec![created]
    );
}

/// Claims `wrong`, expects `DeviceNotFound`, and checks that nothing was written: no child
/// user, and the device is still free for the right claim.
async fn refused_as_not_found(repos: &Repositories, wrong: DeviceClaim) {
    let parent = registered(repos, "parent@example.com").await;
    provisioned(repos, "SL20401000", "unique-1").await;

    let refused = claimed(repos, &new_child(parent.id, "Min", t0()), &wrong).await;
    assert!(
        matches!(refused, Err(CreateWithDeviceError::DeviceNotFound)),
        "{refused:?}"
    );
    assert_eq!(
        live_children(repos).await,
        vec![],
        "no child user was written"
    );
    assert!(
        repos
            .devices
            .list_for_root_user(parent.id)
            .await
            .expect("list")
            .is_empty()
    );
    child_with_device(repos, parent.id, "Min", "SL20401000", "unique-1").await;
}

pub async fn an_unknown_serial_code_is_not_found_and_writes_nothing(repos: &Repositories) {
    refused_as_not_found(repos, claim("SL99999999", "unique-1")).await;
}

pub async fn a_mac_id_mismatch_is_not_found_and_writes_nothing(repos: &Repositories) {
    let wrong_mac = DeviceClaim {
        mac_id: mac("41AE"),
        ..claim("SL20401000", "unique-1")
    };
    refused_as_not_found(repos, wrong_mac).await;
}

pub async fn a_unique_id_mismatch_is_not_found_and_writes_nothing(repos: &Repositories) {
    refused_as_not_found(repos, claim("SL20401000", "unique-2")).await;
}

pub async fn a_taken_device_is_taken_and_writes_nothing(repos: &Repositories) {
    let owner = registered(repos, "owner@example.com").await;
    let latecomer = registered(repos, "latecomer@example.com").await;
    provisioned(repos, "SL20401000", "unique-1").await;
    let owned = child_with_device(repos, owner.id, "Min", "SL20401000", "unique-1").await;

    let refused = claimed(
        repos,
        &new_child(latecomer.id, "Joon", t0() + secs(5)),
        &claim("SL20401000", "unique-1"),
    )
    .await;
    assert!(
        matches!(refused, Err(CreateWithDeviceError::DeviceTaken)),
        "{refused:?}"
    );
    let wrong_mac = DeviceClaim {
        mac_id: mac("0000"),
        ..claim("SL20401000", "unique-1")
    };
    let refused = claimed(repos, &new_child(latecomer.id, "Joon", t0()), &wrong_mac).await;
    assert!(
        matches!(refused, Err(CreateWithDeviceError::DeviceNotFound)),
        "a mismatch is not found, taken or not: {refused:?}"
    );

    assert_eq!(live_children(repos).await, vec![owned.child.id]);
    assert_eq!(
        repos
            .devices
            .list_for_root_user(owner.id)
            .await
            .expect("list"),
        vec![owned],
        "the device stays with its owner"
    );
}
