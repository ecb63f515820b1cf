//! The audit log is append-only below the adapter too: the database itself refuses `UPDATE`
//! and `DELETE` on it (a trigger on each store), so no code path can rewrite history.

use account_domain::audit::{AuditAction, AuditQuery};
use account_domain::store::Repositories;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::audit::{appended, entry};
use super::fixtures::registered;
use crate::RawStore;

pub async fn the_store_refuses_to_change_or_remove_entries(repos: &Repositories, raw: &RawStore) {
    let target = registered(repos, "target@example.com").await.id;
    let kept = entry(None, AuditAction::Banned, target, 1);
    appended(repos, vec![kept.clone()]).await;

    for statement in [
        "UPDATE audit_log SET action = 'unbanned'",
        "DELETE FROM audit_log",
    ] {
        assert!(
            raw_execute(raw, statement).await.is_err(),
            "{statement} must be refused"
        );
    }
    let page = repos
        .audit
        .find(&AuditQuery::default())
        .await
        .expect("find");
    let entries: Vec<_> = page.entries.into_iter().map(|e| e.entry).collect();
    assert_eq!(entries, [kept]);
}

/// Runs `statement` on the store's database directly, bypassing the adapter.
async fn raw_execute(raw: &RawStore, statement: &'static str) -> Result<usize, String> {
    match raw {
        RawStore::Postgres { url } => {
            let mut conn = AsyncPgConnection::establish(url).await.expect("connect");
            diesel::sql_query(statement)
                .execute(&mut conn)
                .await
                .map_err(|e| e.to_string())
        }
        RawStore::Sqlite { file } => {
            let path = file.display().to_string();
            tokio::task::spawn_blocking(move || {
                let mut conn: diesel::SqliteConnection =
                    diesel::Connection::establish(&path).expect("open the SQLite file");
                diesel::RunQueryDsl::execute(diesel::sql_query(statement), &mut conn)
                    .map_err(|e| e.to_string())
            })
            .await
            .expect("a blocking task")
        }
    }
}
