//! `ThrottleRepository`. A hit or a refund makes sure the counter row exists (`ON CONFLICT DO
//! NOTHING`), then reads it locked (on PostgreSQL), applies [`CounterState::hit`] or
//! [`CounterState::refund`] and writes it back, so concurrent changes all apply.

use account_domain::UnexpectedError;
use account_domain::throttle::{CounterState, ThrottleKey, ThrottleRepository, ThrottleRule};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::purge;
use crate::rows::ThrottleCounterRow;
use crate::schema::throttle_counters;
use crate::time::StoredTime;
use crate::{Conn, Database, db_run};

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
        // The count goes back to zero but the row stays: deleting it would let a concurrent
        // `hit`, between its insert and its locked read, find no row.
        let key = key.clone();
        self.db
            .write("resetting a throttle counter", move |conn| {
                Box::pin(async move {
                    db_run!(conn => {
                        diesel::update(throttle_counters::table.find(key.as_str()))
                            .set((
                                throttle_counters::count.eq(0),
                                throttle_counters::blocked_until.eq(None::<StoredTime>),
                            ))
                            .execute(conn)
                            .await
                    })?;
                    Ok(())
                })
            })
            .await
    }

    /// A `hit` racing with this finds the row gone between its insert and its read, and
    /// inserts it again ([`SqlThrottleRepository::update`]).
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
    /// Makes sure the counter row exists, then reads it locked, applies the domain's `change`
    /// and writes it back: concurrent changes all apply.
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
                    db_run!(conn => {
                        diesel::insert_into(throttle_counters::table)
                            .values(&fresh)
                            .on_conflict_do_nothing()
                            .execute(conn)
                            .await
                    })?;
                    let counter = match find_locked(conn, key.as_str()).await.optional()? {
                        Some(counter) => counter,
                        // The purge took the stale row between the insert and the read.
                        None => {
                            db_run!(conn => {
                                diesel::insert_into(throttle_counters::table)
                                    .values(&fresh)
                                    .on_conflict_do_nothing()
                                    .execute(conn)
                                    .await
                            })?;
                            find_locked(conn, key.as_str()).await?
                        }
                    };
                    let changed = change(counter.state()?)?;
                    let changed_row = ThrottleCounterRow::new(&key, changed)?;
                    db_run!(conn => {
                        diesel::update(throttle_counters::table.find(key.as_str()))
                            .set(&changed_row)
                            .execute(conn)
                            .await
                    })?;
                    Ok(changed)
                })
            })
            .await
    }
}

/// The counter named `key`, locked on PostgreSQL until the transaction ends.
async fn find_locked(conn: &mut Conn<'_>, key: &str) -> QueryResult<ThrottleCounterRow> {
    db_run!(conn =>
        postgres: throttle_counters::table
            .find(key)
            .select(ThrottleCounterRow::as_select())
            .for_update()
            .get_result(conn)
            .await,
        sqlite: throttle_counters::table
            .find(key)
            .select(ThrottleCounterRow::as_select())
            .get_result(conn)
            .await,
    )
}
