use std::sync::Arc;

use super::*;
use crate::accounts::{AccountId, MockAccountRepository, MockAccountRoleRepository};
use crate::auth::SessionId;
use crate::security_events::capture::capture;
use crate::testing::{account, clock_at, t0};

fn service(accounts: MockAccountRepository, roles: MockAccountRoleRepository) -> RoleService {
    RoleService::new(
        Arc::new(accounts),
        Arc::new(roles),
        Arc::new(clock_at(t0())),
    )
}

fn email() -> Email {
    Email::parse("staff@example.com").unwrap()
}

fn principal(roles: Roles) -> Principal {
    let mut account = crate::testing::account(1, "staff@example.com");
    account.roles = roles.clone();
    Principal {
        account_id: AccountId(1),
        session_id: SessionId(1),
        roles,
        account,
    }
}

fn server_and_user() -> Roles {
    Roles::new([Role::Server, Role::User])
}

#[tokio::test]
async fn the_operator_sets_roles_of_an_account_by_email() {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(9, "staff@example.com"))));
    let mut roles = MockAccountRoleRepository::new();
    roles
        .expect_set_roles()
        .withf(|id, r, now| *id == AccountId(9) && *r == server_and_user() && *now == t0())
        .returning(|id, r, _| {
            let mut updated = account(id.0, "staff@example.com");
            updated.roles = r.clone();
            Ok(Some(updated))
        });
    let updated = service(accounts, roles)
        .set_roles(None, &email(), server_and_user())
        .await
        .unwrap();
    assert_eq!(updated.roles, server_and_user());
}

#[tokio::test]
async fn an_admin_may_set_roles_but_nobody_else() {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(9, "staff@example.com"))));
    let mut roles = MockAccountRoleRepository::new();
    roles
        .expect_set_roles()
        .returning(|id, _, _| Ok(Some(account(id.0, "staff@example.com"))));
    let admin = principal(Roles::new([Role::Admin, Role::User]));
    service(accounts, roles)
        .set_roles(Some(&admin), &email(), server_and_user())
        .await
        .unwrap();

    let staff = principal(Roles::new([Role::Staff, Role::User]));
    let err = service(
        MockAccountRepository::new(),
        MockAccountRoleRepository::new(),
    )
    .set_roles(Some(&staff), &email(), server_and_user())
    .await
    .unwrap_err();
    assert!(matches!(err, SetRolesError::Forbidden), "{err:?}");
}

#[tokio::test]
async fn roles_without_user_are_refused() {
    let err = service(
        MockAccountRepository::new(),
        MockAccountRoleRepository::new(),
    )
    .set_roles(None, &email(), Roles::new([Role::Server]))
    .await
    .unwrap_err();
    assert!(matches!(err, SetRolesError::MissingUserRole), "{err:?}");
}

#[tokio::test]
async fn unknown_or_vanished_accounts_are_not_found() {
    let mut accounts = MockAccountRepository::new();
    accounts.expect_find_by_email().returning(|_| Ok(None));
    let err = service(accounts, MockAccountRoleRepository::new())
        .set_roles(None, &email(), server_and_user())
        .await
        .unwrap_err();
    assert!(matches!(err, SetRolesError::AccountNotFound), "{err:?}");

    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(9, "staff@example.com"))));
    let mut roles = MockAccountRoleRepository::new();
    roles.expect_set_roles().returning(|_, _, _| Ok(None));
    let err = service(accounts, roles)
        .set_roles(None, &email(), server_and_user())
        .await
        .unwrap_err();
    assert!(matches!(err, SetRolesError::AccountNotFound), "{err:?}");
}

#[tokio::test]
async fn store_failures_pass_on() {
    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_email()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = service(accounts, MockAccountRoleRepository::new())
        .set_roles(None, &email(), server_and_user())
        .await
        .unwrap_err();
    assert!(matches!(err, SetRolesError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn a_refusal_and_a_change_of_roles_are_security_events() {
    let staff = principal(Roles::new([Role::Staff, Role::User]));
    let refusing = service(
        MockAccountRepository::new(),
        MockAccountRoleRepository::new(),
    );
    let (refused, log) =
        capture(refusing.set_roles(Some(&staff), &email(), server_and_user())).await;
    assert!(matches!(refused, Err(SetRolesError::Forbidden)));
    log.only("role_denied").assert_has(
        tracing::Level::WARN,
        &[
            ("account_id", "1"),
            ("session_id", "1"),
            ("action", "set_roles"),
            ("required_role", "ADMIN"),
        ],
    );

    let mut accounts = MockAccountRepository::new();
    accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account(9, "staff@example.com"))));
    let mut roles = MockAccountRoleRepository::new();
    roles.expect_set_roles().returning(|id, r, _| {
        let mut updated = account(id.0, "staff@example.com");
        updated.roles = r.clone();
        Ok(Some(updated))
    });
    let admin = principal(Roles::new([Role::Admin, Role::User]));
    let changing = service(accounts, roles);
    let (changed, log) =
        capture(changing.set_roles(Some(&admin), &email(), server_and_user())).await;
    assert!(changed.is_ok());
    let events = log.events();
    assert_eq!(log.names(), ["roles_changed"]);
    let expected = [
        ("account_id", "9"),
        ("by_account_id", "1"),
        ("roles", "SERVER,USER"),
    ];
    events[0].assert_has(tracing::Level::INFO, &expected);
    assert!(
        !format!("{events:?}").contains("staff@example.com"),
        "no email in the log"
    );
}
