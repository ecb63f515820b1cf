//! `ThrottleRepository`. Hits and settlements need no read: on PostgreSQL one statement writes
//! a batch of either to the rows as they are, locking them in the keys' byte order (`hit`,
//! `settle`), without a transaction of its own (one statement per change when a key repeats).
//! The purge never waits for a row. SQLite, with one writer, reads and writes each batch in the
//! writer's transaction.

use std::collections::HashSet;

use account_domain::UnexpectedError;
use account_domain::throttle::{
    CounterState, PlannedChange, Settlement, ThrottleKey, ThrottleRepository,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::purge;
use crate::rows::ThrottleCounterRow;
use crate::schema::throttle_counters;
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql};

mod hit;
mod settle;

/// Failure counters with lockouts.
#[derive(Clone)]
pub struct SqlThrottleRepository {
    db: Database,
}

impl SqlThrottleRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl ThrottleRepository for SqlThrottleRepository {
    async fn counters(
        &self,
        keys: &[ThrottleKey],
    ) -> Result<Vec<Option<CounterState>>, UnexpectedError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let names: Vec<String> = keys.iter().map(|key| key.as_str().to_owned()).collect();
        let rows = self
            .db
            .read("reading throttle counters", move |conn| {
                Box::pin(async move { Ok(read_rows(conn, &names).await?) })
            })
            .await?;
        keys.iter().map(|key| stored_state(&rows, key)).collect()
    }

    async fn apply(
        &self,
        changes: &[PlannedChange],
        now: DateTime<Utc>,
    ) -> Result<Vec<CounterState>, UnexpectedError> {
        if changes.is_empty() {
            return Ok(Vec::new());
        }
        let changes = changes.to_vec();
        self.db
            .write_statement("counting throttle hits", move |conn| {
                Box::pin(async move { hit::apply(conn, &changes, now).await })
            })
            .await
    }

    async fn settle(&self, settlements: &[Settlement]) -> Result<(), UnexpectedError> {
        if settlements.is_empty() {
            return Ok(());
        }
        let settlements = settlements.to_vec();
        self.db
            .write_statement("settling throttle counters", move |conn| {
                Box::pin(async move { settle::settle(conn, &settlements).await })
            })
            .await
    }

    /// A change racing with this either inserts the row again (the purge went first), or holds
    /// the row, which the purge then skips without waiting, or changed it first, restarting its
    /// window, so that the purge, re-checking the row, leaves it.
    async fn purge_stale(&self, before: DateTime<Utc>, limit: u32) -> Result<u64, UnexpectedError> {
        let deleted = self
            .db
            .write("purging stale throttle counters", move |conn| {
                Box::pin(async move {
                    Ok(purge::stale_counters(conn, StoredTime(before), limit).await?)
                })
            })
            .await?;
        Ok(purge::deleted(deleted))
    }
}

/// Whether a key comes twice: one statement could write only one of them, so such a batch is
/// written one statement per key (the domain never repeats a key).
fn repeats_a_key<'k>(keys: impl Iterator<Item = &'k str>) -> bool {
    let mut seen = HashSet::new();
    !keys.into_iter().all(|key| seen.insert(key))
}

/// The counter rows named `names` that exist.
async fn read_rows(conn: &mut Conn<'_>, names: &[String]) -> QueryResult<Vec<ThrottleCounterRow>> {
    db_run!(conn => {
        throttle_counters::table
            .filter(throttle_counters::key.eq_any(names))
            .select(ThrottleCounterRow::as_select())
            .load(conn)
            .await
    })
}

/// The state of `key`'s counter among `rows`, if it has one.
fn stored_state(
    rows: &[ThrottleCounterRow],
    key: &ThrottleKey,
) -> Result<Option<CounterState>, UnexpectedError> {
    rows.iter()
        .find(|row| row.key == key.as_str())
        .map(ThrottleCounterRow::state)
        .transpose()
}

/// Writes `row`, inserting it when missing.
async fn upsert(conn: &mut Conn<'_>, row: &ThrottleCounterRow) -> QueryResult<usize> {
    db_run!(conn => {
        keyed_by_sql(
            diesel::insert_into(throttle_counters::table)
                .values(row)
                .on_conflict(throttle_counters::key)
                .do_update()
                .set(row),
        )
        .execute(conn)
        .await
    })
}
