//! Reading, patching and deleting child users; deletion releases the device.

use account_domain::children::{ChildId, ChildPatch, ChildUser, DeleteAndReleaseError};
use account_domain::store::Repositories;
use account_domain::values::Gender;

use crate::contract::fixtures::withdrawn;
use crate::contract::fixtures::{registered, secs, t0};
use crate::contract::lux_fixtures::{
    birthdate, child_with_device, live_children, name, provisioned, released, unique,
};

pub async fn find_returns_only_live_children(repos: &Repositories) {
    let parent = registered(repos, "parent@example.com").await;
    provisioned(repos, "SL20401000", "unique-1").await;
    let owned = child_with_device(repos, parent.id, "Min", "SL20401000", "unique-1").await;

    assert_eq!(
        repos.children.find(owned.child.id).await.expect("find"),
        Some(owned.child.clone())
    );
    assert_eq!(
        repos.children.find(ChildId(987_654)).await.expect("find"),
        None
    );
    released(repos, owned.child.id, &unique("unique-1"), t0() + secs(5))
        .await
        .expect("delete");
    assert_eq!(
        repos.children.find(owned.child.id).await.expect("find"),
        None,
        "a deleted child user is not found"
    );
}

pub async fn update_sets_only_the_given_fields(repos: &Repositories) {
    let parent = registered(repos, "parent@example.com").await;
    provisioned(repos, "SL20401000", "unique-1").await;
    let child = child_with_device(repos, parent.id, "Min", "SL20401000", "unique-1")
        .await
        .child;
    let at = t0() + secs(60);

    let named = ChildPatch {
        last_name: Some(Some(name("Kim"))),
        gender: Some(Gender::PreferNotToSay),
        ..ChildPatch::default()
    };
    let updated = repos
        .children
        .update(child.id, &named, at)
        .await
        .expect("update");
    let expected = ChildUser {
        last_name: Some("Kim".into()),
        gender: Gender::PreferNotToSay,
        updated_at: at,
        ..child.clone()
    };
    assert_eq!(updated, Some(expected.clone()));
    assert_eq!(
        repos.children.find(child.id).await.expect("find"),
        Some(expected.clone())
    );

    let later = at + secs(60);
    let cleared = ChildPatch {
        first_name: Some(name("Joon")),
        last_name: Some(None),
        birthdate: Some(birthdate(2020, 6, 8)),
        gender: None,
    };
    let updated = repos
        .children
        .update(child.id, &cleared, later)
        .await
        .expect("update");
    assert_eq!(
        updated,
        Some(ChildUser {
            first_name: "Joon".into(),
            last_name: None,
            birthdate: birthdate(2020, 6, 8),
            updated_at: later,
            ..expected
        }),
        "the last name is cleared, the gender set before stays"
    );
}

pub async fn update_refuses_deleted_and_unknown_children(repos: &Repositories) {
    let parent = registered(repos, "parent@example.com").await;
    provisioned(repos, "SL20401000", "unique-1").await;
    let child = child_with_device(repos, parent.id, "Min", "SL20401000", "unique-1")
        .await
        .child;
    released(repos, child.id, &unique("unique-1"), t0() + secs(5))
        .await
        .expect("delete");
    let patch = ChildPatch {
        first_name: Some(name("Joon")),
        ..ChildPatch::default()
    };

    assert_eq!(
        repos
            .children
            .update(child.id, &patch, t0() + secs(10))
            .await
            .expect("update"),
        None
    );
    assert_eq!(
        repos
            .children
            .update(ChildId(987_654), &patch, t0() + secs(10))
            .await
            .expect("update"),
        None
    );
}

pub async fn delete_and_release_frees_the_device_for_a_new_claim(repos: &Repositories) {
    let parent = registered(repos, "parent@example.com").await;
    let next_owner = registered(repos, "next@example.com").await;
    provisioned(repos, "SL20401000", "unique-1").await;
    let first = child_with_device(repos, parent.id, "Min", "SL20401000", "unique-1").await;

    released(repos, first.child.id, &unique("unique-1"), t0() + secs(5))
        .await
        .expect("delete");

    assert_eq!(live_children(repos).await, vec![]);
    assert!(
        repos
            .devices
            .list_for_root_user(parent.id)
            .await
            .expect("list")
            .is_empty()
    );
    let second = child_with_device(repos, next_owner.id, "Joon", "SL20401000", "unique-1").await;
    assert_eq!(second.device.id, first.device.id, "the same device");
    assert_eq!(second.device.real_user_id, Some(second.child.id));
    assert_eq!(
        repos
            .devices
            .list_for_root_user(next_owner.id)
            .await
            .expect("list"),
        vec![second]
    );
}

pub async fn delete_and_release_refuses_unknown_children_and_unbound_devices(repos: &Repositories) {
    let parent = registered(repos, "parent@example.com").await;
    provisioned(repos, "SL20401000", "unique-1").await;
    provisioned(repos, "SL20401001", "unique-2").await;
    provisioned(repos, "SL20401002", "unique-3").await;
    let first = child_with_device(repos, parent.id, "Min", "SL20401000", "unique-1").await;
    let second = child_with_device(repos, parent.id, "Joon", "SL20401001", "unique-2").await;
    let at = t0() + secs(5);

    let refused = released(repos, ChildId(987_654), &unique("unique-1"), at).await;
    assert!(
        matches!(refused, Err(DeleteAndReleaseError::ChildNotFound)),
        "{refused:?}"
    );
    for (device, why) in [
        ("unique-2", "bound to another child user"),
        ("unique-3", "bound to no one"),
        ("unknown", "never provisioned"),
    ] {
        let refused = released(repos, first.child.id, &unique(device), at).await;
        assert!(
            matches!(refused, Err(DeleteAndReleaseError::DeviceNotBound)),
            "{why}: {refused:?}"
        );
    }
    assert_eq!(
        live_children(repos).await,
        vec![first.child.id, second.child.id],
        "nothing was deleted"
    );
    assert_eq!(
        repos
            .devices
            .list_for_root_user(parent.id)
            .await
            .expect("list"),
        vec![first.clone(), second],
        "nothing was released"
    );

    released(repos, first.child.id, &unique("unique-1"), at)
        .await
        .expect("delete");
    let again = released(repos, first.child.id, &unique("unique-1"), at + secs(1)).await;
    assert!(
        matches!(again, Err(DeleteAndReleaseError::ChildNotFound)),
        "already deleted: {again:?}"
    );
}

pub async fn withdrawing_the_parent_deletes_the_children_and_releases_their_devices(
    repos: &Repositories,
) {
    let parent = registered(repos, "parent@example.com").await;
    let next_owner = registered(repos, "next@example.com").await;
    provisioned(repos, "SL20401000", "unique-1").await;
    let first = child_with_device(repos, parent.id, "Min", "SL20401000", "unique-1").await;

    assert!(withdrawn(repos, parent.id, t0() + secs(5)).await);

    assert_eq!(
        repos.children.find(first.child.id).await.expect("find"),
        None
    );
    assert_eq!(live_children(repos).await, vec![]);
    let second = child_with_device(repos, next_owner.id, "Joon", "SL20401000", "unique-1").await;
    assert_eq!(
        second.device.id, first.device.id,
        "the sold device is claimed again"
    );
}
