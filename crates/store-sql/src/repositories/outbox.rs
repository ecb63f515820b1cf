use account_domain::UnexpectedError;

/// An update of one outbox message that matched no row.
pub fn ensure_updated(updated: usize, id: i64) -> Result<(), UnexpectedError> {
    if updated == 1 {
        Ok(())
    } else {
        Err(UnexpectedError::new(format!(
            "outbox message {id} does not exist"
        )))
    }
}

/// `OutboxRepository`. A claim selects due messages (on PostgreSQL `FOR UPDATE SKIP LOCKED`,
/// so concurrent claimers take disjoint batches) and leases them in the same transaction.
#[doc(hidden)]
#[macro_export]
macro_rules! __outbox_repository {
    ($dialect:ident, $store:ty, $name:ident) => {
        $crate::__adapter_struct!(
            $store,
            $name,
            "The outbox of outgoing messages (`OutboxRepository`)."
        );

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::outbox::{
                OutboxMessage, OutboxRepository, OutgoingMessage,
            };
            use $crate::__private::account_domain::time::later;
            use $crate::__private::chrono::{DateTime, Duration, Utc};
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::{TxError, db_error, tx_error};
            use $crate::repositories::outbox::ensure_updated;
            use $crate::rows::{NewOutboxRow, OutboxRow};
            use $crate::schema::outbox;
            use $crate::time::StoredTime;

            #[$crate::__private::async_trait::async_trait]
            impl OutboxRepository for $name {
                async fn enqueue(
                    &self,
                    message: &OutgoingMessage,
                    now: DateTime<Utc>,
                ) -> Result<i64, UnexpectedError> {
                    let mut conn = self.store.writer().await?;
                    $crate::__private::diesel::insert_into(outbox::table)
                        .values(NewOutboxRow::new(message, now))
                        .returning(outbox::id)
                        .get_result(&mut *conn)
                        .await
                        .map_err(db_error("adding a message to the outbox"))
                }

                async fn claim_due(
                    &self,
                    now: DateTime<Utc>,
                    limit: u32,
                    lease: Duration,
                ) -> Result<Vec<OutboxMessage>, UnexpectedError> {
                    let at = StoredTime(now);
                    let lease_ends = StoredTime(later(now, lease)?);
                    let mut conn = self.store.writer().await?;
                    let mut claimed =
                        $crate::__write_transaction!($dialect, &mut *conn, TxError, async |c| {
                            let due: Vec<i64> = $crate::__lock_skip_locked!(
                                $dialect,
                                outbox::table
                                    .filter(outbox::sent_at.is_null())
                                    .filter(outbox::dead_at.is_null())
                                    .filter(outbox::next_attempt_at.le(at))
                                    .filter(
                                        outbox::leased_until
                                            .is_null()
                                            .or(outbox::leased_until.le(at))
                                    )
                                    .order((outbox::created_at.asc(), outbox::id.asc()))
                                    .limit(i64::from(limit))
                                    .select(outbox::id)
                            )
                            .load(c)
                            .await?;
                            if due.is_empty() {
                                return Ok(Vec::new());
                            }
                            let rows: Vec<OutboxRow> = $crate::__private::diesel::update(
                                outbox::table.filter(outbox::id.eq_any(due)),
                            )
                            .set(outbox::leased_until.eq(lease_ends))
                            .returning(OutboxRow::as_returning())
                            .get_results(c)
                            .await?;
                            Ok(rows
                                .into_iter()
                                .map(OutboxRow::into_domain)
                                .collect::<Result<Vec<_>, _>>()?)
                        })
                        .map_err(tx_error("claiming due outbox messages"))?;
                    claimed.sort_by_key(|message| (message.created_at, message.id));
                    Ok(claimed)
                }

                async fn mark_sent(
                    &self,
                    id: i64,
                    now: DateTime<Utc>,
                ) -> Result<(), UnexpectedError> {
                    let mut conn = self.store.writer().await?;
                    let updated = $crate::__private::diesel::update(outbox::table.find(id))
                        .set((
                            outbox::sent_at.eq(StoredTime(now)),
                            outbox::leased_until.eq(None::<StoredTime>),
                            outbox::attempts.eq(outbox::attempts + 1),
                        ))
                        .execute(&mut *conn)
                        .await
                        .map_err(db_error("marking an outbox message sent"))?;
                    ensure_updated(updated, id)
                }

                /// A message given up gets `dead_at` from the wall clock: the port passes no
                /// `now` here.
                async fn mark_failed(
                    &self,
                    id: i64,
                    error: &str,
                    retry_at: Option<DateTime<Utc>>,
                ) -> Result<(), UnexpectedError> {
                    let failed = (
                        outbox::attempts.eq(outbox::attempts + 1),
                        outbox::last_error.eq(error),
                        outbox::leased_until.eq(None::<StoredTime>),
                    );
                    let mut conn = self.store.writer().await?;
                    let updated = match retry_at {
                        Some(retry_at) => {
                            $crate::__private::diesel::update(outbox::table.find(id))
                                .set((failed, outbox::next_attempt_at.eq(StoredTime(retry_at))))
                                .execute(&mut *conn)
                                .await
                        }
                        None => {
                            $crate::__private::diesel::update(outbox::table.find(id))
                                .set((failed, outbox::dead_at.eq(StoredTime(Utc::now()))))
                                .execute(&mut *conn)
                                .await
                        }
                    }
                    .map_err(db_error("recording a failed outbox delivery"))?;
                    ensure_updated(updated, id)
                }

                async fn pending(&self) -> Result<Vec<OutboxMessage>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    outbox::table
                        .filter(outbox::sent_at.is_null())
                        .filter(outbox::dead_at.is_null())
                        .order((outbox::created_at.asc(), outbox::id.asc()))
                        .select(OutboxRow::as_select())
                        .load(&mut *conn)
                        .await
                        .map_err(db_error("listing pending outbox messages"))?
                        .into_iter()
                        .map(OutboxRow::into_domain)
                        .collect()
                }
            }
        };
    };
}
