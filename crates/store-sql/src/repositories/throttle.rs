//! `ThrottleRepository`. A hit or a refund applies [`CounterState::hit`] or
//! [`CounterState::refund`] to the stored counter so that concurrent changes all apply:
//! first optimistically (read the row, write the change only if the row is still as read: two
//! statements, no transaction), and when another change came in between, under a lock (one
//! transaction: `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` inserts the row when missing and
//! locks it on PostgreSQL, SQLite has one writer; then the change is written).

use account_domain::UnexpectedError;
use account_domain::throttle::{CounterState, ThrottleKey, ThrottleRepository, ThrottleRule};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::RunQueryDsl;

use super::purge;
use crate::rows::ThrottleCounterRow;
use crate::schema::throttle_counters;
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql};

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
    async fn blocked_until(
        &self,
        keys: &[ThrottleKey],
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
        if keys.is_empty() {
            return Ok(None);
        }
        let names: Vec<String> = keys.iter().map(|key| key.as_str().to_owned()).collect();
        let at = StoredTime(now);
        self.db
            .read("reading throttle blocks", move |conn| {
                Box::pin(async move {
                    let blocks: Vec<Option<StoredTime>> = db_run!(conn => {
                        throttle_counters::table
                            .filter(throttle_counters::key.eq_any(&names))
                            .filter(throttle_counters::blocked_until.gt(at))
                            .select(throttle_counters::blocked_until)
                            .load(conn)
                            .await
                    })?;
                    Ok(blocks.into_iter().flatten().map(Into::into).max())
                })
            })
            .await
    }

    async fn hit(
        &self,
        key: &ThrottleKey,
        rule: &ThrottleRule,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
        let rule = *rule;
        let counted = self
            .update("counting a throttle hit", key, now, move |state| {
                state.hit(&rule, now)
            })
            .await?;
        Ok(counted.blocked_at(now))
    }

    async fn refund(
        &self,
        key: &ThrottleKey,
        rule: &ThrottleRule,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        let rule = *rule;
        self.update("giving back a throttle attempt", key, now, move |state| {
            state.refund(&rule, now)
        })
        .await?;
        Ok(())
    }

    async fn reset(&self, key: &ThrottleKey) -> Result<(), UnexpectedError> {
        // The count goes back to zero but the row stays: the next hit updates it in place
        // instead of inserting it again (and the purge removes it once it is stale).
        let key = key.clone();
        self.db
            .write_statement("resetting a throttle counter", move |conn| {
                Box::pin(async move {
                    db_run!(conn => {
                        keyed_by_sql(
                            diesel::update(throttle_counters::table.find(key.as_str())).set((
                                throttle_counters::count.eq(0),
                                throttle_counters::blocked_until.eq(None::<StoredTime>),
                            )),
                        )
                        .execute(conn)
                        .await
                    })?;
                    Ok(())
                })
            })
            .await
    }

    /// A `hit` racing with this either inserts the row again (the purge went first) or locks
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
    /// Applies the domain's `change` to the counter (fresh when missing) and stores it:
    /// concurrent changes all apply.
    async fn update(
        &self,
        doing: &'static str,
        key: &ThrottleKey,
        now: DateTime<Utc>,
        change: impl Fn(CounterState) -> Result<CounterState, UnexpectedError> + Send + Copy + 'static,
    ) -> Result<CounterState, UnexpectedError> {
        match self.update_unless_changed(doing, key, now, change).await? {
            Some(changed) => Ok(changed),
            None => self.update_locked(doing, key, now, change).await,
        }
    }

    /// The optimistic path: reads the counter, then writes `change`'s state only if the row is
    /// still as read (or still missing), on one connection without a transaction on PostgreSQL
    /// (in the writer's transaction on SQLite, where nothing can come in between). `None` when
    /// another change came first.
    async fn update_unless_changed(
        &self,
        doing: &'static str,
        key: &ThrottleKey,
        now: DateTime<Utc>,
        change: impl Fn(CounterState) -> Result<CounterState, UnexpectedError> + Send + 'static,
    ) -> Result<Option<CounterState>, UnexpectedError> {
        let key = key.clone();
        self.db
            .write_statement(doing, move |conn| {
                Box::pin(async move {
                    let stored: Option<ThrottleCounterRow> = db_run!(conn => {
                        throttle_counters::table
                            .find(key.as_str())
                            .select(ThrottleCounterRow::as_select())
                            .first(conn)
                            .await
                            .optional()
                    })?;
                    let before = match &stored {
                        Some(row) => row.state()?,
                        None => CounterState::fresh(now),
                    };
                    let changed = change(before)?;
                    if stored.is_some() && changed == before {
                        return Ok(Some(changed));
                    }
                    let changed_row = ThrottleCounterRow::new(&key, changed)?;
                    let written = match &stored {
                        Some(read) => replace_if_unchanged(conn, read, &changed_row).await?,
                        None => insert_if_missing(conn, &changed_row).await?,
                    };
                    Ok((written == 1).then_some(changed))
                })
            })
            .await
    }

    /// Reads the counter locked (inserting it fresh when missing), applies `change` and writes
    /// it back in one transaction.
    async fn update_locked(
        &self,
        doing: &'static str,
        key: &ThrottleKey,
        now: DateTime<Utc>,
        change: impl FnOnce(CounterState) -> Result<CounterState, UnexpectedError> + Send + 'static,
    ) -> Result<CounterState, UnexpectedError> {
        let fresh = ThrottleCounterRow::new(key, CounterState::fresh(now))?;
        let key = key.clone();
        self.db
            .write(doing, move |conn| {
                Box::pin(async move {
                    let counter = find_or_insert_locked(conn, &fresh).await?;
                    let changed = change(counter.state()?)?;
                    let changed_row = ThrottleCounterRow::new(&key, changed)?;
                    db_run!(conn => {
                        keyed_by_sql(
                            diesel::update(throttle_counters::table.find(key.as_str()))
                                .set(&changed_row),
                        )
                        .execute(conn)
                        .await
                    })?;
                    Ok(changed)
                })
            })
            .await
    }
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

/// Writes `changed` over the counter row if it still holds what `read` holds; how many rows.
async fn replace_if_unchanged(
    conn: &mut Conn<'_>,
    read: &ThrottleCounterRow,
    changed: &ThrottleCounterRow,
) -> QueryResult<usize> {
    let unchanged = throttle_counters::key
        .eq(&read.key)
        .and(throttle_counters::window_started_at.eq(read.window_started_at))
        .and(throttle_counters::count.eq(read.count));
    db_run!(conn =>
        postgres: keyed_by_sql(
            diesel::update(throttle_counters::table)
                .filter(unchanged)
                .filter(throttle_counters::blocked_until.is_not_distinct_from(read.blocked_until))
                .set(changed),
        )
        .execute(conn)
        .await,
        sqlite: keyed_by_sql(
            diesel::update(throttle_counters::table)
                .filter(unchanged)
                .filter(throttle_counters::blocked_until.is(read.blocked_until))
                .set(changed),
        )
        .execute(conn)
        .await,
    )
}

/// Inserts `changed` unless a row with its key exists; how many rows.
async fn insert_if_missing(
    conn: &mut Conn<'_>,
    changed: &ThrottleCounterRow,
) -> QueryResult<usize> {
    db_run!(conn => {
        keyed_by_sql(
            diesel::insert_into(throttle_counters::table)
                .values(changed)
                .on_conflict_do_nothing(),
        )
        .execute(conn)
        .await
    })
}
