/// `ThrottleRepository`. A hit makes sure the counter row exists (`ON CONFLICT DO NOTHING`),
/// then reads it locked, counts with [`CounterState::hit`](account_domain::CounterState::hit)
/// and writes it back, so concurrent hits are all counted.
#[doc(hidden)]
#[macro_export]
macro_rules! __throttle_repository {
    ($dialect:ident, $store:ty, $name:ident) => {
        $crate::__adapter_struct!(
            $store,
            $name,
            "Failure counters with lockouts (`ThrottleRepository`)."
        );

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::throttle::CounterState;
            use $crate::__private::account_domain::throttle::{
                ThrottleKey, ThrottleRepository, ThrottleRule,
            };
            use $crate::__private::chrono::{DateTime, Utc};
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::{TxError, db_error, tx_error};
            use $crate::rows::ThrottleCounterRow;
            use $crate::schema::throttle_counters;
            use $crate::time::StoredTime;

            #[$crate::__private::async_trait::async_trait]
            impl ThrottleRepository for $name {
                async fn blocked_until(
                    &self,
                    keys: &[ThrottleKey],
                    now: DateTime<Utc>,
                ) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
                    if keys.is_empty() {
                        return Ok(None);
                    }
                    let names: Vec<&str> = keys.iter().map(ThrottleKey::as_str).collect();
                    let mut conn = self.store.reader().await?;
                    let blocks: Vec<Option<StoredTime>> = throttle_counters::table
                        .filter(throttle_counters::key.eq_any(names))
                        .filter(throttle_counters::blocked_until.gt(StoredTime(now)))
                        .select(throttle_counters::blocked_until)
                        .load(&mut *conn)
                        .await
                        .map_err(db_error("reading throttle blocks"))?;
                    Ok(blocks.into_iter().flatten().map(Into::into).max())
                }

                async fn hit(
                    &self,
                    key: &ThrottleKey,
                    rule: &ThrottleRule,
                    now: DateTime<Utc>,
                ) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
                    let fresh = ThrottleCounterRow::new(key, CounterState::fresh(now))?;
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, TxError, async |c| {
                        $crate::__private::diesel::insert_into(throttle_counters::table)
                            .values(&fresh)
                            .on_conflict_do_nothing()
                            .execute(c)
                            .await?;
                        let counter: ThrottleCounterRow = $crate::__lock_for_update!(
                            $dialect,
                            throttle_counters::table
                                .find(key.as_str())
                                .select(ThrottleCounterRow::as_select())
                        )
                        .get_result(c)
                        .await?;
                        let counted = counter.state()?.hit(rule, now)?;
                        $crate::__private::diesel::update(
                            throttle_counters::table.find(key.as_str()),
                        )
                        .set(&ThrottleCounterRow::new(key, counted)?)
                        .execute(c)
                        .await?;
                        Ok(counted.blocked_at(now))
                    })
                    .map_err(tx_error("counting a throttle hit"))
                }

                async fn reset(&self, key: &ThrottleKey) -> Result<(), UnexpectedError> {
                    // The count goes back to zero but the row stays: deleting it would let a
                    // concurrent `hit`, between its insert and its locked read, find no row.
                    let mut conn = self.store.writer().await?;
                    $crate::__private::diesel::update(throttle_counters::table.find(key.as_str()))
                        .set((
                            throttle_counters::count.eq(0),
                            throttle_counters::blocked_until.eq(None::<StoredTime>),
                        ))
                        .execute(&mut *conn)
                        .await
                        .map(|_| ())
                        .map_err(db_error("resetting a throttle counter"))
                }
            }
        };
    };
}
