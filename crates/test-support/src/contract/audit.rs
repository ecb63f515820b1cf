//! `AuditLog` and `StoreTransaction::append_audit`: entries appended in a unit of work are kept
//! only if it commits, read back whole, filtered and paged newest first, and never changed or
//! removed (the store itself refuses it).

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::audit::{AuditAction, AuditEntry, AuditQuery, NewAuditEntry, PageRequest};
use account_domain::store::{Repositories, transact};

use super::fixtures::{registered, secs, t0};

pub fn entry(
    actor: Option<AccountId>,
    action: AuditAction,
    target: AccountId,
    at: i64,
) -> NewAuditEntry {
    NewAuditEntry {
        actor,
        action,
        target,
        detail: Some(format!("detail {at}")),
        ip: Some("198.51.100.4".into()),
        user_agent: Some("admin-console/1".into()),
        at: t0() + secs(at),
    }
}

/// Appends `entries` in one unit of work, committed.
pub async fn appended(repos: &Repositories, entries: Vec<NewAuditEntry>) {
    transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            for entry in &entries {
                tx.append_audit(entry).await?;
            }
            Ok(())
        })
    })
    .await
    .expect("appending audit entries");
}

async fn find(repos: &Repositories, query: AuditQuery) -> (Vec<NewAuditEntry>, u64) {
    let page = repos.audit.find(&query).await.expect("find");
    let entries = page
        .entries
        .into_iter()
        .map(|e: AuditEntry| e.entry)
        .collect();
    (entries, page.total)
}

pub async fn appended_entries_read_back_whole_newest_first(repos: &Repositories) {
    let admin = registered(repos, "admin@example.com").await.id;
    let target = registered(repos, "target@example.com").await.id;
    let first = entry(Some(admin), AuditAction::Banned, target, 1);
    let mut by_service = entry(None, AuditAction::Anonymized, target, 2);
    by_service.detail = None;
    by_service.ip = None;
    appended(repos, vec![first.clone(), by_service.clone()]).await;

    let page = repos
        .audit
        .find(&AuditQuery::default())
        .await
        .expect("find");
    assert_eq!(page.total, 2);
    assert!(
        page.entries[0].id > page.entries[1].id,
        "ids grow in append order"
    );
    let entries: Vec<_> = page.entries.into_iter().map(|e| e.entry).collect();
    assert_eq!(entries, [by_service, first]);
}

pub async fn filters_combine_and_pages_count_every_match(repos: &Repositories) {
    let admin = registered(repos, "admin@example.com").await.id;
    let other_admin = registered(repos, "second@example.com").await.id;
    let target = registered(repos, "target@example.com").await.id;
    let bystander = registered(repos, "bystander@example.com").await.id;
    let all = vec![
        entry(Some(admin), AuditAction::Banned, target, 10),
        entry(Some(admin), AuditAction::Unbanned, target, 20),
        entry(Some(other_admin), AuditAction::RolesChanged, target, 30),
        entry(Some(admin), AuditAction::RolesChanged, bystander, 40),
        entry(None, AuditAction::Anonymized, bystander, 50),
    ];
    appended(repos, all.clone()).await;

    let by_actor = find(
        repos,
        AuditQuery {
            actor: Some(admin),
            ..AuditQuery::default()
        },
    )
    .await;
    assert_eq!(
        by_actor,
        (vec![all[3].clone(), all[1].clone(), all[0].clone()], 3)
    );

    let by_target_and_action = find(
        repos,
        AuditQuery {
            target: Some(target),
            action: Some(AuditAction::RolesChanged),
            ..AuditQuery::default()
        },
    )
    .await;
    assert_eq!(by_target_and_action, (vec![all[2].clone()], 1));

    let in_window = find(
        repos,
        AuditQuery {
            from: Some(t0() + secs(20)),
            until: Some(t0() + secs(40)),
            ..AuditQuery::default()
        },
    )
    .await;
    assert_eq!(
        in_window,
        (vec![all[2].clone(), all[1].clone()], 2),
        "from is inclusive, until exclusive"
    );

    let second_page = find(
        repos,
        AuditQuery {
            page: PageRequest { page: 2, size: 2 },
            ..AuditQuery::default()
        },
    )
    .await;
    assert_eq!(second_page, (vec![all[2].clone(), all[1].clone()], 5));
}

pub async fn an_entry_is_kept_only_if_its_unit_of_work_commits(repos: &Repositories) {
    let target = registered(repos, "target@example.com").await.id;
    let refused = entry(None, AuditAction::Restored, target, 1);
    let outcome = transact::<(), UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            tx.append_audit(&refused).await?;
            Err(UnexpectedError::new("the action failed after its entry"))
        })
    })
    .await;
    assert!(outcome.is_err());
    assert_eq!(find(repos, AuditQuery::default()).await, (vec![], 0));
}
