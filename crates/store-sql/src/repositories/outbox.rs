//! `OutboxRepository`. A claim selects due messages (on PostgreSQL `FOR UPDATE SKIP LOCKED`,
//! so concurrent claimers take disjoint batches) and leases them in the same transaction.

use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::delivery::TemplateId;
use account_domain::outbox::{
    Channel, ChannelDepth, DeadMessage, OutboxMessage, OutboxRepository, OutgoingMessage,
};
use account_domain::secrets::SecretSealer;
use account_domain::time::later;
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::purge;
use crate::rows::{NewOutboxRow, OutboxRow};
use crate::schema::outbox;
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql};

/// The outbox of outgoing messages.
#[derive(Clone)]
pub struct SqlOutboxRepository {
    db: Database,
    sealer: Arc<dyn SecretSealer>,
}

impl SqlOutboxRepository {
    pub fn new(db: Database, sealer: Arc<dyn SecretSealer>) -> Self {
        Self { db, sealer }
    }
}

#[async_trait]
impl OutboxRepository for SqlOutboxRepository {
    async fn enqueue(
        &self,
        message: &OutgoingMessage,
        now: DateTime<Utc>,
    ) -> Result<i64, UnexpectedError> {
        let message = NewOutboxRow::new(message, now, &*self.sealer)?;
        self.db
            .write("adding a message to the outbox", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        keyed_by_sql(
                            diesel::insert_into(outbox::table)
                                .values(&message)
                                .returning(outbox::id),
                        )
                        .get_result(conn)
                        .await
                    })?)
                })
            })
            .await
    }

    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: Duration,
    ) -> Result<Vec<OutboxMessage>, UnexpectedError> {
        let lease_ends = StoredTime(later(now, lease)?);
        let sealer = self.sealer.clone();
        let mut claimed = self
            .db
            .write("claiming due outbox messages", move |conn| {
                Box::pin(async move {
                    let due = find_due(conn, StoredTime(now), limit).await?;
                    if due.is_empty() {
                        return Ok(Vec::new());
                    }
                    let rows: Vec<OutboxRow> = db_run!(conn => {
                        diesel::update(outbox::table.filter(outbox::id.eq_any(&due)))
                            .set(outbox::leased_until.eq(lease_ends))
                            .returning(OutboxRow::as_returning())
                            .get_results(conn)
                            .await
                    })?;
                    let (claimed, unreadable) = readable(rows, &*sealer);
                    for (id, error) in unreadable {
                        give_up(conn, id, &error, StoredTime(now)).await?;
                    }
                    Ok(claimed)
                })
            })
            .await?;
        claimed.sort_by_key(|message| (message.created_at, message.id));
        Ok(claimed)
    }

    async fn mark_sent(&self, id: i64, now: DateTime<Utc>) -> Result<(), UnexpectedError> {
        let updated = self
            .db
            .write("marking an outbox message sent", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        keyed_by_sql(diesel::update(outbox::table.find(id)).set((
                            outbox::sent_at.eq(StoredTime(now)),
                            outbox::leased_until.eq(None::<StoredTime>),
                            outbox::attempts.eq(outbox::attempts + 1),
                        )))
                        .execute(conn)
                        .await
                    })?)
                })
            })
            .await?;
        ensure_updated(updated, id)
    }

    /// A message given up gets `dead_at` from the wall clock: the port passes no `now` here.
    async fn mark_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), UnexpectedError> {
        let error = error.to_owned();
        let updated = self
            .db
            .write("recording a failed outbox delivery", move |conn| {
                Box::pin(async move {
                    let failed = (
                        outbox::attempts.eq(outbox::attempts + 1),
                        outbox::last_error.eq(&error),
                        outbox::leased_until.eq(None::<StoredTime>),
                    );
                    let message = outbox::table.find(id);
                    Ok(match retry_at {
                        Some(retry_at) => db_run!(conn => {
                            keyed_by_sql(
                                diesel::update(message).set((
                                    failed,
                                    outbox::next_attempt_at.eq(StoredTime(retry_at)),
                                )),
                            )
                            .execute(conn)
                            .await
                        }),
                        None => db_run!(conn => {
                            keyed_by_sql(
                                diesel::update(message)
                                    .set((failed, outbox::dead_at.eq(StoredTime(Utc::now())))),
                            )
                            .execute(conn)
                            .await
                        }),
                    }?)
                })
            })
            .await?;
        ensure_updated(updated, id)
    }

    async fn pending(&self) -> Result<Vec<OutboxMessage>, UnexpectedError> {
        let rows = self
            .db
            .read("listing pending outbox messages", move |conn| {
                Box::pin(async move {
                    let rows: Vec<OutboxRow> = db_run!(conn => {
                        outbox::table
                            .filter(outbox::sent_at.is_null())
                            .filter(outbox::dead_at.is_null())
                            .filter(outbox::suppressed.eq(false))
                            .order((outbox::created_at.asc(), outbox::id.asc()))
                            .select(OutboxRow::as_select())
                            .load(conn)
                            .await
                    })?;
                    Ok(rows)
                })
            })
            .await?;
        rows.into_iter()
            .map(|row| row.into_domain(&*self.sealer))
            .collect()
    }

    /// Counted here from the channel and `dead_at` of the rows not sent: the waiting and dead
    /// ones, few in a healthy service (sent rows are purged).
    async fn depth(&self) -> Result<Vec<ChannelDepth>, UnexpectedError> {
        let rows: Vec<(String, Option<StoredTime>)> = self
            .db
            .read("counting outbox messages per channel", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        outbox::table
                            .filter(outbox::sent_at.is_null())
                            .filter(outbox::suppressed.eq(false))
                            .select((outbox::channel, outbox::dead_at))
                            .load(conn)
                            .await
                    })?)
                })
            })
            .await?;
        let mut depths: Vec<ChannelDepth> = Vec::new();
        for (channel, dead_at) in rows {
            let channel = parse_channel(&channel)?;
            let index = match depths.iter().position(|d| d.channel == channel) {
                Some(index) => index,
                None => {
                    depths.push(ChannelDepth {
                        channel,
                        pending: 0,
                        dead: 0,
                    });
                    depths.len() - 1
                }
            };
            match dead_at {
                Some(_) => depths[index].dead += 1,
                None => depths[index].pending += 1,
            }
        }
        depths.sort_by_key(|d| d.channel.as_str());
        Ok(depths)
    }

    async fn dead(&self, limit: u32) -> Result<Vec<DeadMessage>, UnexpectedError> {
        type DeadRow = (
            i64,
            String,
            String,
            i32,
            Option<String>,
            StoredTime,
            Option<StoredTime>,
        );
        let rows: Vec<DeadRow> = self
            .db
            .read("listing dead outbox messages", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        outbox::table
                            .filter(outbox::dead_at.is_not_null())
                            .filter(outbox::sent_at.is_null())
                            .order((outbox::dead_at.desc(), outbox::id.desc()))
                            .limit(i64::from(limit))
                            .select((
                                outbox::id,
                                outbox::channel,
                                outbox::template,
                                outbox::attempts,
                                outbox::last_error,
                                outbox::created_at,
                                outbox::dead_at,
                            ))
                            .load(conn)
                            .await
                    })?)
                })
            })
            .await?;
        rows.into_iter()
            .map(
                |(id, channel, template, attempts, last_error, created_at, dead_at)| {
                    let template = TemplateId::parse(&template).ok_or_else(|| {
                        UnexpectedError::new(format!("outbox message {id} has an unknown template"))
                    })?;
                    Ok(DeadMessage {
                        id,
                        channel: parse_channel(&channel)?,
                        template,
                        attempts: u32::try_from(attempts).unwrap_or(0),
                        last_error,
                        created_at: created_at.0,
                        dead_at: dead_at.map_or(created_at.0, |at| at.0),
                    })
                },
            )
            .collect()
    }

    async fn requeue(&self, id: i64, now: DateTime<Utc>) -> Result<bool, UnexpectedError> {
        let updated = self
            .db
            .write("re-queuing a dead outbox message", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        keyed_by_sql(
                            diesel::update(
                                outbox::table
                                    .find(id)
                                    .filter(outbox::dead_at.is_not_null())
                                    .filter(outbox::sent_at.is_null()),
                            )
                            .set((
                                outbox::dead_at.eq(None::<StoredTime>),
                                outbox::attempts.eq(0),
                                outbox::next_attempt_at.eq(StoredTime(now)),
                                outbox::leased_until.eq(None::<StoredTime>),
                            )),
                        )
                        .execute(conn)
                        .await
                    })?)
                })
            })
            .await?;
        Ok(updated == 1)
    }

    async fn purge_sent(&self, before: DateTime<Utc>, limit: u32) -> Result<u64, UnexpectedError> {
        let deleted = self
            .db
            .write("purging sent outbox messages", move |conn| {
                Box::pin(
                    async move { Ok(purge::sent_messages(conn, StoredTime(before), limit).await?) },
                )
            })
            .await?;
        Ok(purge::deleted(deleted))
    }
}

fn parse_channel(raw: &str) -> Result<Channel, UnexpectedError> {
    Channel::parse(raw)
        .ok_or_else(|| UnexpectedError::new(format!("an outbox row has an unknown channel {raw}")))
}

/// The ids of up to `limit` messages due at `at`, oldest first; on PostgreSQL locked until
/// the transaction ends, leaving out those another claim holds.
async fn find_due(conn: &mut Conn<'_>, at: StoredTime, limit: u32) -> QueryResult<Vec<i64>> {
    let due = outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::dead_at.is_null())
        .filter(outbox::next_attempt_at.le(at))
        .filter(
            outbox::leased_until
                .is_null()
                .or(outbox::leased_until.le(at)),
        )
        .order((outbox::created_at.asc(), outbox::id.asc()))
        .limit(i64::from(limit));
    db_run!(conn =>
        postgres: due
            .select(outbox::id)
            .for_update()
            .skip_locked()
            .load(conn)
            .await,
        sqlite: due.select(outbox::id).load(conn).await,
    )
}

/// The claimed rows as messages, and the ids of those that cannot be read (a sealed part that
/// does not open under the configured key, a template this version does not know) with why.
fn readable(
    rows: Vec<OutboxRow>,
    sealer: &dyn SecretSealer,
) -> (Vec<OutboxMessage>, Vec<(i64, String)>) {
    let mut messages = Vec::with_capacity(rows.len());
    let mut unreadable = Vec::new();
    for row in rows {
        let id = row.id;
        match row.into_domain(sealer) {
            Ok(message) => messages.push(message),
            Err(error) => unreadable.push((id, error.to_string())),
        }
    }
    (messages, unreadable)
}

/// Marks a claimed message that cannot be read dead (retrying cannot help, and it must not
/// hold up the messages behind it).
async fn give_up(conn: &mut Conn<'_>, id: i64, error: &str, at: StoredTime) -> QueryResult<usize> {
    db_run!(conn => {
        keyed_by_sql(diesel::update(outbox::table.find(id)).set((
            outbox::dead_at.eq(at),
            outbox::last_error.eq(error),
            outbox::leased_until.eq(None::<StoredTime>),
        )))
        .execute(conn)
        .await
    })
}

/// An update of one outbox message that matched no row.
fn ensure_updated(updated: usize, id: i64) -> Result<(), UnexpectedError> {
    if updated == 1 {
        Ok(())
    } else {
        Err(UnexpectedError::new(format!(
            "outbox message {id} does not exist"
        )))
    }
}
