use std::sync::Arc;

use super::*;
use crate::accounts::AccountId;
use crate::auth::ClientInfo;
use crate::children::MockChildRepository;
use crate::security_events::capture::capture;
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{child, clock_at, device, principal, t0};
use crate::throttle::{InMemoryThrottle, ThrottleKey};
use crate::values::{MacId, SerialCode};

fn service(children: MockChildRepository) -> ChildService {
    service_with(children, MockStoreTransaction::new())
}

/// Nothing is throttled.
fn service_with(children: MockChildRepository, tx: MockStoreTransaction) -> ChildService {
    throttled_service(children, tx, &Arc::new(InMemoryThrottle::new()))
}

fn throttled_service(
    children: MockChildRepository,
    tx: MockStoreTransaction,
    throttle: &Arc<InMemoryThrottle>,
) -> ChildService {
    ChildService::new(
        Arc::new(children),
        Arc::new(MockedUnitOfWork::new(tx)),
        throttle.clone(),
        Arc::new(clock_at(t0())),
        ClaimSettings::default(),
    )
}

fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("10.0.0.8".into()),
        user_agent: None,
    }
}

/// A transaction in which the claimed device (1) is found, free when `bound_to` is `None`.
fn finding_device(bound_to: Option<i64>) -> MockStoreTransaction {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_device_by_serial()
        .withf(|serial| *serial == claim().serial_code)
        .return_once(move |_| Ok(Some(device(1, bound_to))));
    tx
}

fn claim() -> DeviceClaim {
    DeviceClaim {
        serial_code: SerialCode::parse("SL20401001").unwrap(),
        mac_id: MacId::parse("41AD").unwrap(),
        unique_id: DeviceUniqueId::parse("unique-1").unwrap(),
    }
}

fn command() -> CreateChildCommand {
    CreateChildCommand {
        first_name: PersonName::parse("test").unwrap(),
        last_name: None,
        birthdate: Birthdate::parse("20200101", t0().date_naive()).unwrap(),
        gender: Gender::Female,
        device: claim(),
    }
}

fn unique_id() -> DeviceUniqueId {
    DeviceUniqueId::parse("unique-1").unwrap()
}

/// A repository holding child 3 of root user 1.
fn holding_child_of_root_1() -> MockChildRepository {
    let mut children = MockChildRepository::new();
    children
        .expect_find()
        .withf(|id| *id == ChildId(3))
        .returning(|id| Ok(Some(child(id.0, 1))));
    children
}

// ---- create ----

#[tokio::test]
async fn create_makes_a_child_of_the_caller_bound_to_the_claimed_device() {
    let mut tx = finding_device(None);
    tx.expect_insert_child()
        .withf(|new| {
            new.root_user_id == AccountId(1)
                && new.first_name.as_str() == "test"
                && new.last_name.is_none()
                && new.gender == Gender::Female
                && new.now == t0()
        })
        .times(1)
        .returning(|_| Ok(child(3, 1)));
    tx.expect_bind_device()
        .withf(|d, c, now| d.0 == 1 && *c == ChildId(3) && *now == t0())
        .times(1)
        .returning(|_, c, _| Ok(Some(device(1, Some(c.0)))));
    let created = service_with(MockChildRepository::new(), tx)
        .create_with_device(&principal(1, &[]), command(), &client())
        .await
        .unwrap();
    assert_eq!(created.child.id, ChildId(3));
    assert_eq!(created.device.real_user_id, Some(ChildId(3)));
}

#[tokio::test]
async fn create_is_for_root_users_only() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_device_by_serial().never();
    let err = service_with(MockChildRepository::new(), tx)
        .create_with_device(&principal(1, &[Role::Server]), command(), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, CreateChildError::NotAuthorized), "{err:?}");
}

#[tokio::test]
async fn create_with_an_unknown_or_mismatched_device_fails() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_device_by_serial().returning(|_| Ok(None));
    tx.expect_insert_child().never();
    let err = service_with(MockChildRepository::new(), tx)
        .create_with_device(&principal(1, &[]), command(), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, CreateChildError::DeviceNotFound), "{err:?}");

    let mut other_mac = claim();
    other_mac.mac_id = MacId::parse("FFFF").unwrap();
    let mut other_unique = claim();
    other_unique.unique_id = DeviceUniqueId::parse("unique-2").unwrap();
    for device_claim in [other_mac, other_unique] {
        let mut tx = finding_device(None);
        tx.expect_insert_child().never();
        let command = CreateChildCommand {
            device: device_claim,
            ..command()
        };
        let err = service_with(MockChildRepository::new(), tx)
            .create_with_device(&principal(1, &[]), command, &client())
            .await
            .unwrap_err();
        assert!(matches!(err, CreateChildError::DeviceNotFound), "{err:?}");
    }
}

#[tokio::test]
async fn create_with_a_connected_device_fails() {
    let mut tx = finding_device(Some(9));
    tx.expect_insert_child().never();
    let err = service_with(MockChildRepository::new(), tx)
        .create_with_device(&principal(1, &[]), command(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, CreateChildError::DeviceAlreadyConnected),
        "{err:?}"
    );

    let mut tx = finding_device(None);
    tx.expect_insert_child().returning(|_| Ok(child(3, 1)));
    tx.expect_bind_device().returning(|_, _, _| Ok(None));
    let err = service_with(MockChildRepository::new(), tx)
        .create_with_device(&principal(1, &[]), command(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, CreateChildError::DeviceAlreadyConnected),
        "a claim that loses the race for the device: {err:?}"
    );
}

#[tokio::test]
async fn claims_are_reserved_per_account_and_ip_and_only_wrong_ones_are_kept() {
    for (found, kept) in [(None, true), (Some(None), false), (Some(Some(9)), false)] {
        let mut tx = MockStoreTransaction::new();
        tx.expect_lock_device_by_serial()
            .return_once(move |_| Ok(found.map(|bound_to| device(1, bound_to))));
        tx.expect_insert_child().returning(|_| Ok(child(5, 1)));
        tx.expect_bind_device()
            .returning(|_, child, _| Ok(Some(device(1, Some(child.0)))));
        let throttle = Arc::new(InMemoryThrottle::new());
        let _ = throttled_service(MockChildRepository::new(), tx, &throttle)
            .create_with_device(&principal(1, &[]), command(), &client())
            .await;
        let counters = ["device-claim:account:1", "device-claim:ip:10.0.0.8"];
        assert_eq!(throttle.names(), counters, "both reserved");
        for name in counters {
            let expected = if kept { 1 } else { 0 };
            assert_eq!(throttle.count(name), expected, "{name} after {found:?}");
        }
    }
}

#[tokio::test]
async fn too_many_wrong_claims_are_refused_before_any_lookup() {
    let until = t0() + chrono::Duration::hours(1);
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_device_by_serial().never();
    let throttle = Arc::new(InMemoryThrottle::new());
    throttle.block(&ThrottleKey::per_ip("device-claim:ip", "10.0.0.8"), until);
    let err = throttled_service(MockChildRepository::new(), tx, &throttle)
        .create_with_device(&principal(1, &[]), command(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, CreateChildError::Throttled { retry_at } if retry_at == until),
        "{err:?}"
    );
    assert_eq!(
        throttle.count("device-claim:account:1"),
        0,
        "nothing is counted"
    );
}

#[tokio::test]
async fn create_passes_store_failures_on() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_device_by_serial()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = service_with(MockChildRepository::new(), tx)
        .create_with_device(&principal(1, &[]), command(), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, CreateChildError::Unexpected(_)), "{err:?}");
}

// ---- get ----

#[tokio::test]
async fn the_owner_and_staff_get_a_child() {
    for caller in [
        principal(1, &[]),
        principal(9, &[Role::Staff]),
        principal(9, &[Role::Admin]),
    ] {
        let found = service(holding_child_of_root_1())
            .get(&caller, ChildId(3))
            .await
            .unwrap();
        assert_eq!(found, child(3, 1));
    }
}

#[tokio::test]
async fn get_of_a_missing_child_is_not_found() {
    let mut children = MockChildRepository::new();
    children.expect_find().returning(|_| Ok(None));
    let err = service(children)
        .get(&principal(1, &[]), ChildId(3))
        .await
        .unwrap_err();
    assert!(matches!(err, GetChildError::NotFound), "{err:?}");
}

#[tokio::test]
async fn get_of_another_users_child_is_not_authorized() {
    let err = service(holding_child_of_root_1())
        .get(&principal(2, &[]), ChildId(3))
        .await
        .unwrap_err();
    assert!(matches!(err, GetChildError::NotAuthorized), "{err:?}");
}

#[tokio::test]
async fn get_passes_store_failures_on() {
    let mut children = MockChildRepository::new();
    children
        .expect_find()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = service(children)
        .get(&principal(1, &[]), ChildId(3))
        .await
        .unwrap_err();
    assert!(matches!(err, GetChildError::Unexpected(_)), "{err:?}");
}

// ---- update ----

fn rename() -> ChildPatch {
    ChildPatch {
        first_name: Some(PersonName::parse("tester").unwrap()),
        ..ChildPatch::default()
    }
}

#[tokio::test]
async fn update_sets_the_given_fields() {
    let mut children = holding_child_of_root_1();
    children
        .expect_update()
        .withf(|id, patch, now| *id == ChildId(3) && *patch == rename() && *now == t0())
        .times(1)
        .returning(|id, _, _| {
            let mut renamed = child(id.0, 1);
            renamed.first_name = "tester".into();
            Ok(Some(renamed))
        });
    let updated = service(children)
        .update(&principal(1, &[]), ChildId(3), rename())
        .await
        .unwrap();
    assert_eq!(updated.first_name, "tester");
}

#[tokio::test]
async fn an_empty_update_writes_nothing() {
    let mut children = holding_child_of_root_1();
    children.expect_update().never();
    let unchanged = service(children)
        .update(&principal(1, &[]), ChildId(3), ChildPatch::default())
        .await
        .unwrap();
    assert_eq!(unchanged, child(3, 1));
}

#[tokio::test]
async fn update_of_a_missing_child_is_not_found() {
    let mut children = MockChildRepository::new();
    children.expect_find().returning(|_| Ok(None));
    children.expect_update().never();
    let err = service(children)
        .update(&principal(1, &[]), ChildId(3), rename())
        .await
        .unwrap_err();
    assert!(matches!(err, UpdateChildError::NotFound), "{err:?}");
}

#[tokio::test]
async fn update_of_a_child_deleted_meanwhile_is_not_found() {
    let mut children = holding_child_of_root_1();
    children.expect_update().returning(|_, _, _| Ok(None));
    let err = service(children)
        .update(&principal(1, &[]), ChildId(3), rename())
        .await
        .unwrap_err();
    assert!(matches!(err, UpdateChildError::NotFound), "{err:?}");
}

#[tokio::test]
async fn update_of_another_users_child_is_not_authorized() {
    let mut children = holding_child_of_root_1();
    children.expect_update().never();
    let err = service(children)
        .update(&principal(2, &[]), ChildId(3), rename())
        .await
        .unwrap_err();
    assert!(matches!(err, UpdateChildError::NotAuthorized), "{err:?}");
}

#[tokio::test]
async fn update_passes_store_failures_on() {
    let mut children = holding_child_of_root_1();
    children
        .expect_update()
        .returning(|_, _, _| Err(UnexpectedError::new("db down")));
    let err = service(children)
        .update(&principal(1, &[]), ChildId(3), rename())
        .await
        .unwrap_err();
    assert!(matches!(err, UpdateChildError::Unexpected(_)), "{err:?}");
}

// ---- delete ----

/// A transaction in which child 3 is live and device `unique-1` is bound to it or not.
fn deleting(bound: bool) -> MockStoreTransaction {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_live_child()
        .withf(|id| *id == ChildId(3))
        .returning(|_| Ok(true));
    tx.expect_device_bound_to()
        .withf(|u, id| *u == unique_id() && *id == ChildId(3))
        .returning(move |_, _| Ok(bound));
    tx
}

#[tokio::test]
async fn delete_removes_the_child_and_releases_the_device() {
    let mut tx = deleting(true);
    tx.expect_release_devices_of_child()
        .withf(|id, now| *id == ChildId(3) && *now == t0())
        .times(1)
        .returning(|_, _| Ok(1));
    tx.expect_delete_child()
        .withf(|id, now| *id == ChildId(3) && *now == t0())
        .times(1)
        .returning(|_, _| Ok(()));
    service_with(holding_child_of_root_1(), tx)
        .delete_with_device(&principal(1, &[]), ChildId(3), &unique_id())
        .await
        .unwrap();
}

#[tokio::test]
async fn delete_of_an_unknown_child_is_not_found() {
    let mut children = MockChildRepository::new();
    children.expect_find().returning(|_| Ok(None));
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_live_child().never();
    let err = service_with(children, tx)
        .delete_with_device(&principal(1, &[]), ChildId(3), &unique_id())
        .await
        .unwrap_err();
    assert!(matches!(err, DeleteChildError::NotFound), "{err:?}");
}

#[tokio::test]
async fn delete_of_a_child_deleted_meanwhile_is_not_found() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_live_child().returning(|_| Ok(false));
    tx.expect_delete_child().never();
    let err = service_with(holding_child_of_root_1(), tx)
        .delete_with_device(&principal(1, &[]), ChildId(3), &unique_id())
        .await
        .unwrap_err();
    assert!(matches!(err, DeleteChildError::NotFound), "{err:?}");
}

#[tokio::test]
async fn delete_of_another_users_child_is_not_authorized() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_live_child().never();
    let err = service_with(holding_child_of_root_1(), tx)
        .delete_with_device(&principal(2, &[]), ChildId(3), &unique_id())
        .await
        .unwrap_err();
    assert!(matches!(err, DeleteChildError::NotAuthorized), "{err:?}");
}

#[tokio::test]
async fn delete_naming_a_device_not_bound_to_the_child_fails() {
    let mut tx = deleting(false);
    tx.expect_delete_child().never();
    let err = service_with(holding_child_of_root_1(), tx)
        .delete_with_device(&principal(1, &[]), ChildId(3), &unique_id())
        .await
        .unwrap_err();
    assert!(
        matches!(err, DeleteChildError::DeviceNotConnected),
        "{err:?}"
    );
}

#[tokio::test]
async fn delete_passes_store_failures_on() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_live_child()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = service_with(holding_child_of_root_1(), tx)
        .delete_with_device(&principal(1, &[]), ChildId(3), &unique_id())
        .await
        .unwrap_err();
    assert!(matches!(err, DeleteChildError::Unexpected(_)), "{err:?}");
}

// ---- security events ----

#[tokio::test]
async fn a_claim_and_a_release_are_security_events() {
    let mut tx = finding_device(None);
    tx.expect_insert_child().returning(|_| Ok(child(3, 1)));
    tx.expect_bind_device()
        .returning(|_, c, _| Ok(Some(device(1, Some(c.0)))));
    let claiming = service_with(MockChildRepository::new(), tx);
    let caller = principal(1, &[]);
    let (created, log) = capture(claiming.create_with_device(&caller, command(), &client())).await;
    assert!(created.is_ok());
    let events = log.events();
    assert_eq!(log.names(), ["device_claimed"]);
    let ids = [("account_id", "1"), ("session_id", "5"), ("child_id", "3")];
    events[0].assert_has(tracing::Level::INFO, &ids);
    assert_eq!(events[0].field("device_id"), Some("1"));

    let mut tx = deleting(true);
    tx.expect_release_devices_of_child().returning(|_, _| Ok(1));
    tx.expect_delete_child().returning(|_, _| Ok(()));
    let releasing = service_with(holding_child_of_root_1(), tx);
    let unique = unique_id();
    let deletion = releasing.delete_with_device(&caller, ChildId(3), &unique);
    let (deleted, log) = capture(deletion).await;
    assert!(deleted.is_ok());
    let events = log.events();
    assert_eq!(log.names(), ["device_released"]);
    events[0].assert_has(tracing::Level::INFO, &ids);
}

#[tokio::test]
async fn a_claim_or_release_that_fails_is_no_event() {
    let mut tx = finding_device(Some(9));
    tx.expect_insert_child().never();
    let claiming = service_with(MockChildRepository::new(), tx);
    let (created, log) =
        capture(claiming.create_with_device(&principal(1, &[]), command(), &client())).await;
    assert!(created.is_err());
    assert!(log.events().is_empty(), "{:?}", log.events());

    let mut tx = deleting(false);
    tx.expect_delete_child().never();
    let releasing = service_with(holding_child_of_root_1(), tx);
    let (owner, unique) = (principal(1, &[]), unique_id());
    let deletion = releasing.delete_with_device(&owner, ChildId(3), &unique);
    let (deleted, log) = capture(deletion).await;
    assert!(deleted.is_err());
    assert!(log.events().is_empty(), "{:?}", log.events());
}

#[tokio::test]
async fn another_users_child_is_an_ownership_denial_for_every_use() {
    let caller = principal(2, &[]);
    let (got, log) = capture(service(holding_child_of_root_1()).get(&caller, ChildId(3))).await;
    assert!(matches!(got, Err(GetChildError::NotAuthorized)));
    let (updated, more) =
        capture(service(holding_child_of_root_1()).update(&caller, ChildId(3), rename())).await;
    assert!(matches!(updated, Err(UpdateChildError::NotAuthorized)));
    let deleting = service(holding_child_of_root_1());
    let (deleted, most) =
        capture(deleting.delete_with_device(&caller, ChildId(3), &unique_id())).await;
    assert!(matches!(deleted, Err(DeleteChildError::NotAuthorized)));
    for log in [log, more, most] {
        log.only("ownership_denied").assert_has(
            tracing::Level::WARN,
            &[
                ("account_id", "2"),
                ("session_id", "5"),
                ("resource", "child_user"),
                ("resource_id", "3"),
            ],
        );
    }
}

#[tokio::test]
async fn a_caller_without_user_role_creating_a_child_is_a_role_denial() {
    let caller = principal(1, &[Role::Server]);
    let claiming = service(MockChildRepository::new());
    let (created, log) = capture(claiming.create_with_device(&caller, command(), &client())).await;
    assert!(matches!(created, Err(CreateChildError::NotAuthorized)));
    let expected = [("action", "create_child_user"), ("required_role", "USER")];
    log.only("role_denied")
        .assert_has(tracing::Level::WARN, &expected);
}
