//! `VerificationCodeRepository`. Issues for one purpose and target take turns, so the
//! cooldown holds under concurrency; at most one code per purpose and target is current (a
//! partial unique index); an attempt reads it locked (on PostgreSQL), decides with
//! [`attempt_step`], and consumes it together with its effect.

use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::outbox::QueuedMessage;
use account_domain::secrets::SecretSealer;
use account_domain::time::later;
use account_domain::verification::{
    CodePurpose, IssueOutcome, NewVerificationCode, VerificationCodeRepository, cooling_down_until,
};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::purge;
use crate::errors::{TxError, UniqueKey, tx_error, violated_unique_key};
use crate::rows::{NewOutboxRow, NewVerificationCodeRow, VerificationCodeRow};
use crate::schema::{outbox, verification_codes};
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql, serialize_on_key};

/// Stores one-time codes.
#[derive(Clone)]
pub struct SqlVerificationCodeRepository {
    db: Database,
    sealer: Arc<dyn SecretSealer>,
}

impl SqlVerificationCodeRepository {
    pub fn new(db: Database, sealer: Arc<dyn SecretSealer>) -> Self {
        Self { db, sealer }
    }
}

#[async_trait]
impl VerificationCodeRepository for SqlVerificationCodeRepository {
    async fn issue(
        &self,
        code: &NewVerificationCode,
        cooldown: Duration,
        message: QueuedMessage,
    ) -> Result<IssueOutcome, UnexpectedError> {
        let new_code = NewVerificationCodeRow::from_domain(code)?;
        let message = NewOutboxRow::queued(&message, code.created_at, &*self.sealer)?;
        let purpose = code.purpose.as_str();
        let target = code.target.clone();
        let issuing_at = code.created_at;
        let result = self
            .db
            .transaction::<_, TxError, _>(move |conn| {
                Box::pin(async move {
                    serialize_on_key(conn, &format!("verification_codes:{purpose}:{target}"))
                        .await?;
                    let newest: Option<StoredTime> = db_run!(conn => {
                        verification_codes::table
                            .filter(verification_codes::purpose.eq(purpose))
                            .filter(verification_codes::target.eq(&target))
                            .order(verification_codes::created_at.desc())
                            .select(verification_codes::created_at)
                            .first(conn)
                            .await
                            .optional()
                    })?;
                    if let Some(retry_at) =
                        cooling_down_until(newest.map(Into::into), issuing_at, cooldown)?
                    {
                        return Ok(IssueOutcome::CoolingDown { retry_at });
                    }
                    let current = verification_codes::table
                        .filter(verification_codes::purpose.eq(purpose))
                        .filter(verification_codes::target.eq(&target))
                        .filter(verification_codes::consumed_at.is_null())
                        .filter(verification_codes::superseded.eq(false));
                    db_run!(conn => {
                        keyed_by_sql(
                            diesel::update(current).set(verification_codes::superseded.eq(true)),
                        )
                        .execute(conn)
                        .await
                    })?;
                    db_run!(conn => {
                        keyed_by_sql(
                            diesel::insert_into(verification_codes::table).values(&new_code),
                        )
                        .execute(conn)
                        .await
                    })?;
                    db_run!(conn => {
                        keyed_by_sql(diesel::insert_into(outbox::table).values(&message))
                            .execute(conn)
                            .await
                    })?;
                    Ok(IssueOutcome::Issued)
                })
            })
            .await;
        issue_outcome(result, issuing_at, cooldown)
    }

    async fn purge_expired(
        &self,
        before: DateTime<Utc>,
        limit: u32,
    ) -> Result<u64, UnexpectedError> {
        let deleted = self
            .db
            .write("purging expired verification codes", move |conn| {
                Box::pin(
                    async move { Ok(purge::expired_codes(conn, StoredTime(before), limit).await?) },
                )
            })
            .await?;
        Ok(purge::deleted(deleted))
    }
}

/// The outcome of an issue whose transaction ended with `result`: losing a race to store the
/// current code of the same purpose and target means another code was issued just now.
fn issue_outcome(
    result: Result<IssueOutcome, TxError>,
    issuing_at: DateTime<Utc>,
    cooldown: Duration,
) -> Result<IssueOutcome, UnexpectedError> {
    match result {
        Err(TxError::Db(err))
            if violated_unique_key(&err) == Some(UniqueKey::CurrentVerificationCode) =>
        {
            Ok(IssueOutcome::CoolingDown {
                retry_at: later(issuing_at, cooldown)?,
            })
        }
        other => other.map_err(tx_error("issuing a verification code")),
    }
}

/// The current code for (purpose, target), locked on PostgreSQL until the transaction ends.
pub(super) async fn find_current(
    conn: &mut Conn<'_>,
    purpose: CodePurpose,
    target: &str,
) -> QueryResult<Option<VerificationCodeRow>> {
    let current = verification_codes::table
        .filter(verification_codes::purpose.eq(purpose.as_str()))
        .filter(verification_codes::target.eq(target))
        .filter(verification_codes::consumed_at.is_null())
        .filter(verification_codes::superseded.eq(false));
    db_run!(conn =>
        postgres: current
            .select(VerificationCodeRow::as_select())
            .for_update()
            .get_result(conn)
            .await
            .optional(),
        sqlite: current
            .select(VerificationCodeRow::as_select())
            .get_result(conn)
            .await
            .optional(),
    )
}

/// The current code of `purpose` stored under `digest`, with its target, locked on PostgreSQL
/// until the transaction ends.
pub(super) async fn find_current_by_digest(
    conn: &mut Conn<'_>,
    purpose: CodePurpose,
    digest: &str,
) -> QueryResult<Option<(VerificationCodeRow, String)>> {
    let current = verification_codes::table
        .filter(verification_codes::purpose.eq(purpose.as_str()))
        .filter(verification_codes::code_digest.eq(digest))
        .filter(verification_codes::consumed_at.is_null())
        .filter(verification_codes::superseded.eq(false));
    db_run!(conn =>
        postgres: current
            .select((VerificationCodeRow::as_select(), verification_codes::target))
            .for_update()
            .first(conn)
            .await
            .optional(),
        sqlite: current
            .select((VerificationCodeRow::as_select(), verification_codes::target))
            .first(conn)
            .await
            .optional(),
    )
}

pub(super) async fn use_attempt(conn: &mut Conn<'_>, code: i64) -> QueryResult<()> {
    db_run!(conn => {
        keyed_by_sql(
            diesel::update(verification_codes::table.find(code))
                .set(verification_codes::attempts_left.eq(verification_codes::attempts_left - 1)),
        )
        .execute(conn)
        .await
    })?;
    Ok(())
}

pub(super) async fn consume(conn: &mut Conn<'_>, code: i64, now: DateTime<Utc>) -> QueryResult<()> {
    let at = StoredTime(now);
    db_run!(conn => {
        keyed_by_sql(
            diesel::update(verification_codes::table.find(code))
                .set(verification_codes::consumed_at.eq(at)),
        )
        .execute(conn)
        .await
    })?;
    Ok(())
}
