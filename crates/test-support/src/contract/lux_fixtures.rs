//! Values the Lux contract tests build on: devices, child users, claims, push tokens, consent
//! origins.

use account_domain::accounts::AccountId;
use account_domain::auth::SessionId;
use account_domain::children::{
    ChildId, ChildWithDevice, CreateWithDeviceError, DeleteAndReleaseError, DeviceClaim, NewChild,
    create_with_device, delete_and_release,
};
use account_domain::devices::{Device, NewDevice};
use account_domain::policies::ConsentOrigin;
use account_domain::store::{Repositories, transact};
use account_domain::values::{
    Birthdate, DeviceUniqueId, FcmToken, Gender, MacId, PersonName, SerialCode,
};
use chrono::{DateTime, NaiveDate, Utc};

use super::fixtures::t0;

pub fn serial(raw: &str) -> SerialCode {
    SerialCode::parse(raw).expect("a valid serial code")
}

pub fn mac(raw: &str) -> MacId {
    MacId::parse(raw).expect("a valid mac id")
}

pub fn unique(raw: &str) -> DeviceUniqueId {
    DeviceUniqueId::parse(raw).expect("a valid unique id")
}

pub fn name(raw: &str) -> PersonName {
    PersonName::parse(raw).expect("a valid name")
}

pub fn fcm(raw: &str) -> FcmToken {
    FcmToken::parse(raw).expect("a valid push token")
}

pub fn birthdate(year: i32, month: u32, day: u32) -> Birthdate {
    Birthdate::from_stored(NaiveDate::from_ymd_opt(year, month, day).expect("a date"))
}

/// A device row of a batch: MAC id `41AD`, no alias, firmware 1.
pub fn new_device(serial_code: &str, unique_id: &str) -> NewDevice {
    NewDevice {
        serial_code: serial(serial_code),
        mac_id: mac("41AD"),
        unique_id: unique(unique_id),
        alias: None,
        now_firmware_id: Some(1),
    }
}

/// Provisions one device (see [`new_device`]) at `t0` and returns it.
pub async fn provisioned(repos: &Repositories, serial_code: &str, unique_id: &str) -> Device {
    let report = repos
        .devices
        .provision(&[new_device(serial_code, unique_id)], t0())
        .await
        .expect("provision");
    assert!(report.duplicates.is_empty(), "{report:?}");
    report
        .created
        .into_iter()
        .next()
        .expect("the device is created")
}

/// A claim of the device `serial_code` with MAC id `41AD` and `unique_id`.
pub fn claim(serial_code: &str, unique_id: &str) -> DeviceClaim {
    DeviceClaim {
        serial_code: serial(serial_code),
        mac_id: mac("41AD"),
        unique_id: unique(unique_id),
    }
}

/// A child of `root` named `first_name` (no last name), created at `now`.
pub fn new_child(root: AccountId, first_name: &str, now: DateTime<Utc>) -> NewChild {
    NewChild {
        root_user_id: root,
        first_name: name(first_name),
        last_name: None,
        birthdate: birthdate(2019, 3, 1),
        gender: Gender::Female,
        now,
    }
}

/// Creates a child user with its device as the domain does (`children::create_with_device`,
/// in one unit of work).
pub async fn claimed(
    repos: &Repositories,
    child: &NewChild,
    claim: &DeviceClaim,
) -> Result<ChildWithDevice, CreateWithDeviceError> {
    let (child, claim) = (child.clone(), claim.clone());
    transact(&*repos.unit_of_work, move |tx| {
        Box::pin(async move { create_with_device(tx, &child, &claim).await })
    })
    .await
}

/// Deletes a child user and releases its devices as the domain does
/// (`children::delete_and_release`, in one unit of work).
pub async fn released(
    repos: &Repositories,
    child: ChildId,
    unique_id: &DeviceUniqueId,
    at: DateTime<Utc>,
) -> Result<(), DeleteAndReleaseError> {
    let unique_id = unique_id.clone();
    transact(&*repos.unit_of_work, move |tx| {
        Box::pin(async move { delete_and_release(tx, child, &unique_id, at).await })
    })
    .await
}

/// A child of `root` with the device `serial_code` / `unique_id` (already provisioned).
pub async fn child_with_device(
    repos: &Repositories,
    root: AccountId,
    first_name: &str,
    serial_code: &str,
    unique_id: &str,
) -> ChildWithDevice {
    claimed(
        repos,
        &new_child(root, first_name, t0()),
        &claim(serial_code, unique_id),
    )
    .await
    .expect("the claim succeeds")
}

/// The live child users with the small ids a fresh store assigns (each test has its own), in id
/// order: how a test sees that a failed claim left no child row behind.
pub async fn live_children(repos: &Repositories) -> Vec<ChildId> {
    let mut live = Vec::new();
    for id in 1..=64 {
        if repos
            .children
            .find(ChildId(id))
            .await
            .expect("find")
            .is_some()
        {
            live.push(ChildId(id));
        }
    }
    live
}

/// A consent change made in `session` from a fixed address at `at`.
pub fn origin(session: SessionId, at: DateTime<Utc>) -> ConsentOrigin {
    ConsentOrigin {
        session_id: Some(session),
        ip: Some("198.51.100.4".into()),
        at,
    }
}
