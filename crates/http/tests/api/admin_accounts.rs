//! `/admin/accounts` and `/admin/audit-log` (account-management error shape): who may, what
//! reaches the use cases, how answers and refusals look.

use account_domain::accounts::{Account, AccountId};
use account_domain::admin::{AccountPage, AccountState, Undelete};
use account_domain::audit::{AuditAction, AuditEntry, AuditPage, NewAuditEntry, PageRequest};
use account_domain::auth::SessionEnding;
use account_domain::values::{Email, Role, Roles};
use actix_web::http::{Method, StatusCode};
use chrono::Duration;
use mockall::predicate::eq;
use serde_json::json;

use crate::lux::{authed, json, root_user, signed_in, with_roles};
use crate::support::fixtures::{ACCOUNT_ID, PEER_IP, now};
use crate::support::{Mocks, generic_error, generic_field_error, send, start};

fn signed_in_as(roles: &[Role]) -> Mocks {
    signed_in(with_roles(root_user(), Roles::new(roles.iter().copied())))
}

fn admin() -> Mocks {
    signed_in_as(&[Role::Admin, Role::User])
}

fn target() -> Account {
    Account {
        id: AccountId(2),
        email: Email::parse("jane@example.com").unwrap(),
        ..root_user()
    }
}

/// The unit of work finds account 2 as `account`, and one other ADMIN (the caller).
fn holding_two(mocks: &mut Mocks, account: Account) {
    mocks.tx_locks_own_accounts = true;
    mocks
        .tx
        .expect_lock_account()
        .with(eq(AccountId(2)))
        .returning(move |_| Ok(Some(account.clone())));
    mocks
        .tx
        .expect_lock_admins()
        .returning(|| Ok(vec![ACCOUNT_ID]));
}

fn audited(action: AuditAction) -> impl Fn(&NewAuditEntry) -> bool {
    move |entry| {
        entry.action == action
            && entry.actor == Some(ACCOUNT_ID)
            && entry.target == AccountId(2)
            && entry.ip.as_deref() == Some(PEER_IP)
            && entry.user_agent.as_deref() == Some("TestAgent/1.0")
            && entry.at == now()
    }
}

#[actix_web::test]
async fn staff_search_accounts_with_filters_and_pages() {
    let mut mocks = signed_in_as(&[Role::Staff, Role::User]);
    mocks
        .directory
        .expect_search()
        .withf(|query| {
            query.email.as_ref().map(|e| e.as_str()) == Some("jane")
                && query.name.as_ref().map(|n| n.as_str()) == Some("kim")
                && query.role == Some(Role::User)
                && query.state == Some(AccountState::Banned)
                && query.page == PageRequest { page: 2, size: 5 }
        })
        .times(1)
        .returning(|_| {
            let mut banned = target();
            banned.banned_at = Some(now());
            Ok(AccountPage {
                accounts: vec![banned],
                total: 6,
            })
        });
    let app = start(mocks).await;

    let uri = "/admin/accounts?email=Jane&name=KIM&role=ROLE_USER&state=banned&page=2&size=5";
    let reply = send(&app, authed(Method::GET, uri)).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(
        (
            &reply.json["page"],
            &reply.json["size"],
            &reply.json["total"]
        ),
        (&json!(2), &json!(5), &json!(6))
    );
    let listed = &reply.json["accounts"][0];
    assert_eq!(listed["id"], 2);
    assert_eq!(listed["email"], "jane@example.com");
    assert_eq!(listed["state"], "banned");
    assert_eq!(listed["roles"], json!(["USER"]));
}

#[actix_web::test]
async fn bad_filters_are_named_in_the_400() {
    let mut mocks = admin();
    mocks.directory.expect_search().never();
    let app = start(mocks).await;

    let uri = "/admin/accounts?role=KING&state=gone&page=0&size=x";
    let reply = send(&app, authed(Method::GET, uri)).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json["error"], "invalid_request");
    assert_eq!(
        reply.json["invalidFields"],
        json!(["size", "role", "state", "page"])
    );
}

#[actix_web::test]
async fn users_may_not_list_and_staff_may_not_change() {
    let app = start(signed_in_as(&[Role::User])).await;
    let reply = send(&app, authed(Method::GET, "/admin/accounts")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json, generic_error(403, "forbidden", "Forbidden"));

    for (method, uri) in [
        (Method::POST, "/admin/accounts/2/ban"),
        (Method::DELETE, "/admin/accounts/2/ban"),
        (Method::POST, "/admin/accounts/2/restore"),
        (Method::GET, "/admin/audit-log"),
    ] {
        let app = start(signed_in_as(&[Role::Staff, Role::User])).await;
        let reply = send(&app, authed(method.clone(), uri)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{method} {uri}");
    }
}

#[actix_web::test]
async fn an_admin_bans_an_account_its_sessions_end_and_the_audit_log_says_who_from_where() {
    let mut mocks = admin();
    holding_two(&mut mocks, target());
    mocks
        .tx
        .expect_set_account_ban()
        .with(eq(AccountId(2)), eq(true), eq(now()))
        .times(1)
        .returning(|_, _, _| Ok(true));
    mocks
        .tx
        .expect_revoke_sessions()
        .with(eq(AccountId(2)), eq(SessionEnding::AllBut(None)), eq(now()))
        .times(1)
        .returning(|_, _, _| Ok(1));
    mocks
        .tx
        .expect_delete_push_tokens()
        .times(1)
        .returning(|_, _| Ok(0));
    mocks
        .tx
        .expect_append_audit()
        .withf(audited(AuditAction::Banned))
        .times(1)
        .returning(|_| Ok(()));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::POST, "/admin/accounts/2/ban")).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["id"], 2);
    assert_eq!(reply.json["state"], "banned");
    assert_eq!(reply.json["bannedAt"], json!(now()));
}

#[actix_web::test]
async fn an_admin_may_not_ban_themself() {
    let app = start(admin()).await;
    let reply = send(&app, authed(Method::POST, "/admin/accounts/1/ban")).await;
    assert_eq!(
        reply.json,
        generic_error(409, "own_account", "An ADMIN cannot ban their own account")
    );
}

#[actix_web::test]
async fn roles_are_replaced_and_the_last_admin_keeps_admin() {
    let mut mocks = admin();
    holding_two(&mut mocks, target());
    let staff = Roles::new([Role::Staff, Role::User]);
    mocks
        .tx
        .expect_set_account_roles()
        .with(eq(AccountId(2)), eq(staff), eq(now()))
        .times(1)
        .returning(|_, _, _| Ok(true));
    mocks
        .tx
        .expect_append_audit()
        .withf(|entry| {
            audited(AuditAction::RolesChanged)(entry)
                && entry.detail.as_deref() == Some("STAFF,USER")
        })
        .times(1)
        .returning(|_| Ok(()));
    let app = start(mocks).await;
    let body = json!({"roles": ["ROLE_STAFF", "USER"]});
    let reply = send(&app, json(Method::PUT, "/admin/accounts/2/roles", body)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["roles"], json!(["STAFF", "USER"]));

    let mut mocks = admin();
    mocks
        .tx
        .expect_lock_admins()
        .returning(|| Ok(vec![ACCOUNT_ID]));
    mocks.tx_locks_own_accounts = true;
    mocks
        .tx
        .expect_lock_account()
        .with(eq(ACCOUNT_ID))
        .returning(|_| {
            let roles = Roles::new([Role::Admin, Role::User]);
            Ok(Some(with_roles(root_user(), roles)))
        });
    mocks.tx.expect_set_account_roles().never();
    let app = start(mocks).await;
    let body = json!({"roles": ["USER"]});
    let reply = send(&app, json(Method::PUT, "/admin/accounts/1/roles", body)).await;
    assert_eq!(reply.json["error"], "last_admin", "{}", reply.json);
    assert_eq!(reply.status, StatusCode::CONFLICT);

    let app = start(admin()).await;
    let body = json!({"roles": ["STAFF"]});
    let reply = send(&app, json(Method::PUT, "/admin/accounts/2/roles", body)).await;
    assert_eq!(
        reply.json,
        generic_field_error(400, "invalid_fields", "Roles must include USER", &["roles"])
    );
}

#[actix_web::test]
async fn a_deleted_account_is_restored_within_the_period_and_gone_after_it() {
    let mut mocks = admin();
    let mut recent = target();
    recent.deleted_at = Some(now() - Duration::days(29));
    holding_two(&mut mocks, recent);
    mocks
        .tx
        .expect_undelete_account()
        .with(eq(AccountId(2)), eq(now()))
        .times(1)
        .returning(|_, _| Ok(Undelete::Restored));
    mocks
        .tx
        .expect_append_audit()
        .withf(audited(AuditAction::Restored))
        .times(1)
        .returning(|_| Ok(()));
    let app = start(mocks).await;
    let reply = send(&app, authed(Method::POST, "/admin/accounts/2/restore")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["state"], "active");

    let mut mocks = admin();
    let mut old = target();
    old.deleted_at = Some(now() - Duration::days(31));
    holding_two(&mut mocks, old);
    mocks.tx.expect_undelete_account().never();
    let app = start(mocks).await;
    let reply = send(&app, authed(Method::POST, "/admin/accounts/2/restore")).await;
    assert_eq!(
        reply.json,
        generic_error(
            410,
            "retention_over",
            "The retention period is over: the account cannot be restored"
        )
    );
}

#[actix_web::test]
async fn admin_reads_the_audit_log_filtered() {
    let mut mocks = admin();
    mocks
        .audit
        .expect_find()
        .withf(|query| {
            query.actor == Some(ACCOUNT_ID)
                && query.target == Some(AccountId(2))
                && query.action == Some(AuditAction::Banned)
                && query.from == Some(now() - Duration::days(1))
                && query.until == Some(now())
                && query.page == PageRequest::default()
        })
        .times(1)
        .returning(|_| {
            Ok(AuditPage {
                entries: vec![AuditEntry {
                    id: 7,
                    entry: NewAuditEntry {
                        actor: Some(ACCOUNT_ID),
                        action: AuditAction::Banned,
                        target: AccountId(2),
                        detail: None,
                        ip: Some(PEER_IP.into()),
                        user_agent: Some("TestAgent/1.0".into()),
                        at: now(),
                    },
                }],
                total: 1,
            })
        });
    let app = start(mocks).await;

    let uri = "/admin/audit-log?actor=1&target=2&action=banned\
               &from=2026-11-22T10:00:00Z&to=2026-11-23T10:00:00%2B00:00";
    let reply = send(&app, authed(Method::GET, uri)).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(
        reply.json,
        json!({
            "entries": [{
                "id": 7, "actorId": 1, "action": "banned", "targetId": 2, "detail": null,
                "ip": PEER_IP, "userAgent": "TestAgent/1.0", "at": now()
            }],
            "page": 1, "size": 20, "total": 1
        })
    );
}

#[actix_web::test]
async fn bad_audit_filters_are_named_in_the_400() {
    let mut mocks = admin();
    mocks.audit.expect_find().never();
    let app = start(mocks).await;

    let uri = "/admin/audit-log?actor=me&action=deleted_everything&from=yesterday&size=500";
    let reply = send(&app, authed(Method::GET, uri)).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json["invalidFields"],
        json!(["actor", "action", "from", "size"])
    );
}
