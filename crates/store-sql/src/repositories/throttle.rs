//! `ThrottleRepository`. A batch of changes is written as the domain planned it from the
//! counters it read, in one statement on PostgreSQL without a transaction (each row replaced
//! only if it still holds what was read, inserted only if still missing; the statement never
//! waits for another transaction, see `unless_changed`). A change whose counter moved meanwhile
//! is read and written again on one connection, up to [`OPTIMISTIC_ROUNDS`] times, and then
//! applied under a lock (one transaction: advisory locks for insertions, then `INSERT ... ON
//! CONFLICT DO UPDATE ... RETURNING` inserts each row when missing and locks it, in key order).
//! Settlements need no read: on PostgreSQL one statement writes them to the rows as they are
//! (`settle`). SQLite, with one writer, applies every batch in the writer's transaction.

use std::collections::HashSet;

use account_domain::UnexpectedError;
use account_domain::throttle::{
    CounterState, PlannedChange, Settlement, ThrottleKey, ThrottleRepository,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{RunQueryDsl, SimpleAsyncConnection};

use super::purge;
use crate::errors::TxError;
use crate::rows::ThrottleCounterRow;
use crate::schema::throttle_counters;
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql};

mod settle;
mod unless_changed;

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
        let mut states = Vec::with_capacity(changes.len());
        let mut to_write = Vec::new();
        for (index, change) in changes.iter().enumerate() {
            let (planned, needs_writing) = change.outcome(change.read, now)?;
            if needs_writing {
                to_write.push((index, ThrottleCounterRow::new(&change.key, planned)?));
            }
            states.push(planned);
        }
        if to_write.is_empty() {
            return Ok(states);
        }
        let in_one_statement = self.db.is_postgres() && !repeats_a_key(changes);
        let mut moved: Vec<usize> = to_write.iter().map(|(index, _)| *index).collect();
        if in_one_statement {
            let written = self.write_unless_changed(changes, &to_write).await?;
            moved.retain(|index| !written.contains(changes[*index].key.as_str()));
        }
        if moved.is_empty() {
            return Ok(states);
        }
        let again: Vec<PlannedChange> = moved.iter().map(|i| changes[*i].clone()).collect();
        let applied = if in_one_statement {
            self.reapply_unless_changed(again, now).await?
        } else {
            self.apply_locked(again, now).await?
        };
        for (index, state) in moved.into_iter().zip(applied) {
            states[index] = state;
        }
        Ok(states)
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

    /// A change racing with this either inserts the row again (the purge went first) or locks
    /// it first, restarting its window, so that the purge, re-checking the row, leaves it.
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

impl SqlThrottleRepository {
    /// The optimistic path: writes each `to_write` row (the state planned from what its change
    /// read) where the counter still holds what was read, in one statement; the keys written.
    async fn write_unless_changed(
        &self,
        changes: &[PlannedChange],
        to_write: &[(usize, ThrottleCounterRow)],
    ) -> Result<HashSet<String>, UnexpectedError> {
        let batch = unless_changed::Batch::new(
            to_write
                .iter()
                .map(|(index, row)| (changes[*index].read, row.clone())),
        )?;
        self.db
            .write_statement("counting throttle changes", move |conn| {
                Box::pin(async move { Ok(batch.write(conn).await?) })
            })
            .await
    }

    /// Applies each change again to its counter as stored now, on one connection: up to
    /// [`OPTIMISTIC_ROUNDS`] times a read and a conditional write back to back (two round trips,
    /// no lock held), then under a lock for what still lost its race.
    async fn reapply_unless_changed(
        &self,
        changes: Vec<PlannedChange>,
        now: DateTime<Utc>,
    ) -> Result<Vec<CounterState>, UnexpectedError> {
        let (changes, mut applied) = self
            .db
            .write_statement("counting throttle changes again", move |conn| {
                Box::pin(async move {
                    let mut applied: Vec<Option<CounterState>> = vec![None; changes.len()];
                    for _ in 0..OPTIMISTIC_ROUNDS {
                        let pending: Vec<usize> = (0..changes.len())
                            .filter(|i| applied[*i].is_none())
                            .collect();
                        if pending.is_empty() {
                            break;
                        }
                        let names: Vec<String> = pending
                            .iter()
                            .map(|i| changes[*i].key.as_str().to_owned())
                            .collect();
                        let rows = read_rows(conn, &names).await?;
                        let mut to_write = Vec::new();
                        let mut planned = Vec::new();
                        for index in pending {
                            let change = &changes[index];
                            let stored = stored_state(&rows, &change.key)?;
                            let (after, needs_writing) = change.outcome(stored, now)?;
                            if needs_writing {
                                to_write
                                    .push((stored, ThrottleCounterRow::new(&change.key, after)?));
                                planned.push((index, after));
                            } else {
                                applied[index] = Some(after);
                            }
                        }
                        if to_write.is_empty() {
                            break;
                        }
                        let written = unless_changed::Batch::new(to_write.into_iter())?
                            .write(conn)
                            .await?;
                        for (index, after) in planned {
                            if written.contains(changes[index].key.as_str()) {
                                applied[index] = Some(after);
                            }
                        }
                    }
                    Ok((changes, applied))
                })
            })
            .await?;
        let lost: Vec<usize> = (0..changes.len())
            .filter(|i| applied[*i].is_none())
            .collect();
        if !lost.is_empty() {
            let again: Vec<PlannedChange> = lost.iter().map(|i| changes[*i].clone()).collect();
            let locked = self.apply_locked(again, now).await?;
            for (index, state) in lost.into_iter().zip(locked) {
                applied[index] = Some(state);
            }
        }
        Ok(applied.into_iter().flatten().collect())
    }

    /// Applies each change to its counter as stored, locked (inserted fresh when missing on
    /// PostgreSQL), in one transaction and in key order, committed asynchronously like the
    /// optimistic write; the states written.
    async fn apply_locked(
        &self,
        changes: Vec<PlannedChange>,
        now: DateTime<Utc>,
    ) -> Result<Vec<CounterState>, UnexpectedError> {
        self.db
            .write("counting throttle changes under a lock", move |conn| {
                Box::pin(async move {
                    if let Conn::Postgres(conn) = conn {
                        // Like the optimistic write's: the row locks are held for the
                        // statements only, not for a WAL flush as well.
                        conn.batch_execute("SET LOCAL synchronous_commit TO OFF")
                            .await?;
                        let names: Vec<String> = changes
                            .iter()
                            .map(|change| change.key.as_str().to_owned())
                            .collect();
                        keyed_by_sql(
                            diesel::sql_query(unless_changed::LOCK_INSERTIONS)
                                .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(
                                    names,
                                ),
                        )
                        .execute(&mut **conn)
                        .await?;
                    }
                    let mut order: Vec<usize> = (0..changes.len()).collect();
                    order.sort_by(|a, b| changes[*a].key.as_str().cmp(changes[*b].key.as_str()));
                    let mut states = vec![None; changes.len()];
                    for index in order {
                        let change = &changes[index];
                        let stored = match lock_counter(conn, &change.key, now).await? {
                            Some(row) => Some(row.state()?),
                            None => None,
                        };
                        let (after, needs_writing) = change.outcome(stored, now)?;
                        if needs_writing {
                            let row = ThrottleCounterRow::new(&change.key, after)?;
                            upsert(conn, &row).await?;
                        }
                        states[index] = Some(after);
                    }
                    Ok(states.into_iter().flatten().collect())
                })
            })
            .await
    }
}

/// How many times a change that lost its race is read and written again before it takes a
/// lock: each loss means another change was written, so a few rounds settle all but a storm on
/// one counter, and the lock then queues what is left.
const OPTIMISTIC_ROUNDS: usize = 3;

/// Whether two changes name one counter: the port expects one change per key, and the
/// statement that writes a batch could only write one of them, so such a batch is applied
/// change after change under the lock instead.
fn repeats_a_key(changes: &[PlannedChange]) -> bool {
    let mut seen = HashSet::with_capacity(changes.len());
    !changes
        .iter()
        .all(|change| seen.insert(change.key.as_str()))
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

/// The counter of `key` as stored, locked until the transaction ends: on PostgreSQL inserted
/// fresh when missing (so that there is a row to lock), on SQLite (one writer) as it is.
async fn lock_counter(
    conn: &mut Conn<'_>,
    key: &ThrottleKey,
    now: DateTime<Utc>,
) -> Result<Option<ThrottleCounterRow>, TxError> {
    match conn {
        Conn::Postgres(_) => {
            let fresh = ThrottleCounterRow::new(key, CounterState::fresh(now))?;
            Ok(Some(find_or_insert_locked(conn, &fresh).await?))
        }
        Conn::Sqlite(_) => Ok(db_run!(conn => {
            throttle_counters::table
                .find(key.as_str())
                .select(ThrottleCounterRow::as_select())
                .first(conn)
                .await
                .optional()
        })?),
    }
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

/// The counter row of `fresh`'s key as stored, or `fresh` inserted when there is none; locked
/// until the transaction ends. The conflict's no-op update is what makes the statement return
/// (and, on PostgreSQL, lock) an existing row.
async fn find_or_insert_locked(
    conn: &mut Conn<'_>,
    fresh: &ThrottleCounterRow,
) -> QueryResult<ThrottleCounterRow> {
    db_run!(conn => {
        keyed_by_sql(
            diesel::insert_into(throttle_counters::table)
                .values(fresh)
                .on_conflict(throttle_counters::key)
                .do_update()
                .set(throttle_counters::key.eq(excluded(throttle_counters::key)))
                .returning(ThrottleCounterRow::as_returning()),
        )
        .get_result(conn)
        .await
    })
}
