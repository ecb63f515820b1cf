//! A throttle hit that meets another writer's uncommitted change of its counter still counts:
//! it waits for the row and applies to what the other writer left. The race is set up
//! deterministically from outside the adapter. The purge never waits for a row another writer
//! holds. A settlement that waits for another
//! writer's row applies to what that writer left.

use std::time::Duration as StdDuration;

use account_domain::store::Repositories;
use account_domain::throttle::{self, Budget, ThrottleKey, ThrottleRule};
use chrono::Duration;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::fixtures::{secs, t0};
use crate::RawStore;

const RULE: ThrottleRule = ThrottleRule {
    limit: 3,
    window: Duration::minutes(10),
    lockout: Duration::minutes(15),
};

pub async fn a_hit_that_loses_its_race_is_counted_all_the_same(
    repos: &Repositories,
    raw: &RawStore,
) {
    let key = ThrottleKey::new("login:id", "race");
    let hit = |at| {
        let (repos, key) = (repos.clone(), key.clone());
        async move {
            throttle::count(&*repos.throttle, &key, &RULE, at)
                .await
                .expect("hit")
        }
    };
    assert_eq!(hit(t0()).await, None, "first of three");
    match raw {
        // Another instance's hit (count 1 -> 2) is written but not committed while this hit
        // reads the committed row (count 1); its write waits for the row, then counts on from 2.
        RawStore::Postgres { url } => {
            let mut other = an_uncommitted_hit(url, "login:id:race").await;
            let racing = tokio::spawn(hit(t0() + secs(1)));
            wait_for_a_lock_wait(url).await;
            diesel::sql_query("COMMIT")
                .execute(&mut other)
                .await
                .expect("commit");
            assert_eq!(
                racing.await.expect("the hit completes"),
                Some(t0() + secs(1) + RULE.lockout),
                "the third hit blocks only if neither the other nor this one was lost"
            );
        }
        // SQLite has one writer, which applies every change to the row as stored; a window
        // start stored in another spelling of the same instant still counts as that instant.
        RawStore::Sqlite { file } => {
            let path = file.display().to_string();
            tokio::task::spawn_blocking(move || {
                let mut conn: diesel::SqliteConnection =
                    diesel::Connection::establish(&path).expect("open the SQLite file");
                diesel::RunQueryDsl::execute(
                    diesel::sql_query(
                        "UPDATE throttle_counters SET window_started_at = '2026-11-23 12:00:00' \
                         WHERE key = 'login:id:race'",
                    ),
                    &mut conn,
                )
                .expect("respell the window start")
            })
            .await
            .expect("a blocking task");
            assert_eq!(hit(t0() + secs(1)).await, None, "second of three");
            assert_eq!(
                hit(t0() + secs(2)).await,
                Some(t0() + secs(2) + RULE.lockout),
                "the third hit blocks only if the second was counted"
            );
        }
    }
}

/// A refund written while another instance's hit holds the row gives back from the count that
/// hit left, not from the count before it.
pub async fn a_refund_waiting_for_a_hit_applies_after_it(repos: &Repositories, raw: &RawStore) {
    let key = ThrottleKey::new("login:ip", "race");
    let budget = Budget::new(key.clone(), RULE);
    throttle::count(&*repos.throttle, &key, &RULE, t0())
        .await
        .expect("hit");
    let refund = {
        let (repos, budget) = (repos.clone(), budget.clone());
        move || async move { throttle::refund(&*repos.throttle, &[budget], t0() + secs(1)).await }
    };
    match raw {
        RawStore::Postgres { url } => {
            let mut other = an_uncommitted_hit(url, "login:ip:race").await;
            let racing = tokio::spawn(refund());
            wait_for_a_lock_wait(url).await;
            diesel::sql_query("COMMIT")
                .execute(&mut other)
                .await
                .expect("commit");
            racing.await.expect("the refund completes").expect("refund");
        }
        // One writer: the refund cannot run between another write's read and its write.
        RawStore::Sqlite { .. } => {
            throttle::count(&*repos.throttle, &key, &RULE, t0())
                .await
                .expect("hit");
            refund().await.expect("refund");
        }
    }
    let stored = repos.throttle.counters(&[key]).await.expect("read");
    assert_eq!(
        stored[0].map(|state| state.count),
        Some(1),
        "two hits, one given back"
    );
}

/// The purge never waits for a counter another writer holds: it leaves that one for a later run
/// and deletes the other stale ones, so that it cannot deadlock with hits and settlements, which
/// do wait, whatever order its plan reads the rows in.
pub async fn a_purge_skips_a_counter_another_writer_holds(repos: &Repositories, raw: &RawStore) {
    let (held, quiet) = (
        ThrottleKey::new("login:ip", "held"),
        ThrottleKey::new("login:ip", "quiet"),
    );
    for key in [&held, &quiet] {
        throttle::count(&*repos.throttle, key, &RULE, t0())
            .await
            .expect("hit");
    }
    let later = t0() + RULE.window + RULE.lockout;
    let purge = || {
        tokio::time::timeout(
            StdDuration::from_secs(5),
            repos.throttle.purge_stale(later, 100),
        )
    };
    match raw {
        RawStore::Postgres { url } => {
            let other = an_uncommitted_hit(url, "login:ip:held").await;
            let purged = purge()
                .await
                .expect("the purge does not wait for the held row")
                .expect("purge");
            assert_eq!(purged, 1, "the quiet counter only");
            drop(other);
        }
        // One writer: nothing can hold a row while the purge runs.
        RawStore::Sqlite { .. } => {
            assert_eq!(purge().await.expect("in time").expect("purge"), 2);
        }
    }
    let left = repos.throttle.counters(&[held, quiet]).await.expect("read");
    assert_eq!(left[1], None, "the quiet counter is purged");
}

/// A connection whose open transaction has counted one more on the counter named `name`.
async fn an_uncommitted_hit(url: &str, name: &str) -> AsyncPgConnection {
    let mut other = AsyncPgConnection::establish(url).await.expect("connect");
    diesel::sql_query("BEGIN")
        .execute(&mut other)
        .await
        .expect("begin");
    diesel::sql_query("UPDATE throttle_counters SET count = count + 1 WHERE key = $1")
        .bind::<diesel::sql_types::Text, _>(name)
        .execute(&mut other)
        .await
        .expect("the other hit");
    other
}

/// Returns once a session of the test database waits for a row lock.
async fn wait_for_a_lock_wait(url: &str) {
    let mut conn = AsyncPgConnection::establish(url).await.expect("connect");
    for _ in 0..500 {
        let waiting = diesel::sql_query(
            "SELECT 1 FROM pg_stat_activity \
             WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        .execute(&mut conn)
        .await
        .expect("pg_stat_activity");
        if waiting > 0 {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(10)).await;
    }
    panic!("the hit never waited for the row the other transaction holds");
}
