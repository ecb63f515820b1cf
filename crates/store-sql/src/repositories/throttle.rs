//! `ThrottleRepository`. A hit or a refund reads the counter row locked, inserting it first when
//! missing, in one statement (`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`: the upsert locks
//! the row it finds on PostgreSQL, and SQLite has one writer), applies [`CounterState::hit`] or
//! [`CounterState::refund`] and writes it back in the same transaction, so concurrent changes
//! all apply.

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
    /// Reads the counter locked (inserting it fresh when missing), applies the domain's
    /// `change` and writes it back: concurrent changes all apply.
    async fn update(
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
