//! `AccountRoleRepository`: roles replaced on live accounts only.

use account_domain::accounts::{Account, AccountId};
use account_domain::store::Repositories;
use account_domain::values::{Role, Roles};

use super::fixtures::{registered, secs, t0};
use crate::contract::fixtures::withdrawn;

pub async fn set_roles_replaces_the_roles_of_a_live_account(repos: &Repositories) {
    let account = registered(repos, "promoted@example.com").await;
    let bystander = registered(repos, "bystander@example.com").await;
    let at = t0() + secs(60);
    let staff = Roles::new([Role::Staff, Role::User]);

    let updated = repos
        .roles
        .set_roles(account.id, &staff, at)
        .await
        .expect("set");

    let expected = Account {
        roles: staff,
        updated_at: at,
        ..account.clone()
    };
    assert_eq!(updated, Some(expected.clone()));
    assert_eq!(
        repos.accounts.find_by_id(account.id).await.expect("find"),
        Some(expected)
    );
    assert_eq!(
        repos.accounts.find_by_id(bystander.id).await.expect("find"),
        Some(bystander),
        "other accounts are untouched"
    );
}

pub async fn set_roles_refuses_deleted_and_unknown_accounts(repos: &Repositories) {
    let account = registered(repos, "banned@example.com").await;
    let deleted_at = t0() + secs(30);
    assert!(withdrawn(repos, account.id, deleted_at).await);
    let admin = Roles::new([Role::Admin]);

    for id in [account.id, AccountId(987_654)] {
        assert_eq!(
            repos
                .roles
                .set_roles(id, &admin, t0() + secs(60))
                .await
                .expect("set"),
            None
        );
    }
    let kept = repos
        .accounts
        .find_by_id(account.id)
        .await
        .expect("find")
        .expect("the row stays");
    assert_eq!(
        (kept.roles, kept.updated_at),
        (Roles::user(), deleted_at),
        "nothing was written"
    );
}
