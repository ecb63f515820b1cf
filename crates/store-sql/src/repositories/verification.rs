//! `VerificationCodeRepository`. Issues for one purpose and target take turns, so the
//! cooldown holds under concurrency; at most one code per purpose and target is current (a
//! partial unique index); an attempt reads it locked (on PostgreSQL), decides with
//! [`attempt_step`], and consumes it together with its effect.

use account_domain::UnexpectedError;
use account_domain::outbox::OutgoingMessage;
use account_domain::time::later;
use account_domain::verification::{
    AttemptOutcome, AttemptStep, CodeEffect, CodePurpose, IssueOutcome, NewVerificationCode,
    VerificationCodeRepository, attempt_step, cooling_down_until,
};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use diesel_async::RunQueryDsl;

use crate::errors::{TxError, UniqueKey, tx_error, violated_unique_key};
use crate::rows::{NewOutboxRow, NewVerificationCodeRow, VerificationCodeRow};
use crate::schema::{accounts, outbox, verification_codes};
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, serialize_on_key};

/// Stores one-time codes.
#[derive(Clone)]
pub struct SqlVerificationCodeRepository {
    db: Database,
}

impl SqlVerificationCodeRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl VerificationCodeRepository for SqlVerificationCodeRepository {
    async fn issue(
        &self,
        code: &NewVerificationCode,
        cooldown: Duration,
        message: Option<OutgoingMessage>,
    ) -> Result<IssueOutcome, UnexpectedError> {
        let new_code = NewVerificationCodeRow::from_domain(code)?;
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
                        diesel::update(current)
                            .set(verification_codes::superseded.eq(true))
                            .execute(conn)
                            .await
                    })?;
                    db_run!(conn => {
                        diesel::insert_into(verification_codes::table)
                            .values(&new_code)
                            .execute(conn)
                            .await
                    })?;
                    if let Some(message) = &message {
                        let message = NewOutboxRow::new(message, issuing_at);
                        db_run!(conn => {
                            diesel::insert_into(outbox::table)
                                .values(&message)
                                .execute(conn)
                                .await
                        })?;
                    }
                    Ok(IssueOutcome::Issued)
                })
            })
            .await;
        issue_outcome(result, issuing_at, cooldown)
    }

    async fn attempt(
        &self,
        purpose: CodePurpose,
        target: &str,
        code_digest: &str,
        effect: &CodeEffect,
        now: DateTime<Utc>,
    ) -> Result<AttemptOutcome, UnexpectedError> {
        let target = target.to_owned();
        let code_digest = code_digest.to_owned();
        let effect = effect.clone();
        let result = self
            .db
            .transaction::<_, AttemptAbort, _>(move |conn| {
                Box::pin(async move {
                    let Some(row) = find_current(conn, purpose, &target).await? else {
                        return Ok(AttemptOutcome::NotFound);
                    };
                    match attempt_step(&row.current_code()?, &code_digest, now) {
                        AttemptStep::Expired => Ok(AttemptOutcome::Expired),
                        AttemptStep::Exhausted => Ok(AttemptOutcome::Exhausted),
                        AttemptStep::Mismatch { attempts_left } => {
                            db_run!(conn => {
                                diesel::update(verification_codes::table.find(row.id))
                                    .set(
                                        verification_codes::attempts_left
                                            .eq(verification_codes::attempts_left - 1),
                                    )
                                    .execute(conn)
                                    .await
                            })?;
                            Ok(AttemptOutcome::Mismatch { attempts_left })
                        }
                        AttemptStep::Accept => {
                            let at = StoredTime(now);
                            if let Some(account_id) = row.account_id {
                                if phone_held_by_another(conn, &effect, account_id).await? {
                                    return Ok(AttemptOutcome::PhoneTaken);
                                }
                                apply_effect(conn, &effect, account_id, at).await?;
                            }
                            db_run!(conn => {
                                diesel::update(verification_codes::table.find(row.id))
                                    .set(verification_codes::consumed_at.eq(at))
                                    .execute(conn)
                                    .await
                            })?;
                            Ok(AttemptOutcome::Accepted {
                                account_id: row.account_id(),
                            })
                        }
                    }
                })
            })
            .await;
        attempt_outcome(result)
    }
}

/// Why an attempt's transaction was rolled back.
#[derive(Debug)]
enum AttemptAbort {
    Store(TxError),
    /// A concurrent change gave the new phone to another live account first.
    PhoneTaken,
}

impl From<DieselError> for AttemptAbort {
    fn from(err: DieselError) -> Self {
        match violated_unique_key(&err) {
            Some(UniqueKey::AccountPhone) => Self::PhoneTaken,
            _ => Self::Store(TxError::Db(err)),
        }
    }
}

impl From<UnexpectedError> for AttemptAbort {
    fn from(err: UnexpectedError) -> Self {
        Self::Store(TxError::Unexpected(err))
    }
}

/// The outcome of an attempt whose transaction ended with `result`.
fn attempt_outcome(
    result: Result<AttemptOutcome, AttemptAbort>,
) -> Result<AttemptOutcome, UnexpectedError> {
    match result {
        Ok(outcome) => Ok(outcome),
        Err(AttemptAbort::PhoneTaken) => Ok(AttemptOutcome::PhoneTaken),
        Err(AttemptAbort::Store(err)) => Err(tx_error("checking a verification code")(err)),
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
async fn find_current(
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

/// True when `effect` changes the phone to one another live account has verified.
async fn phone_held_by_another(
    conn: &mut Conn<'_>,
    effect: &CodeEffect,
    account_id: i64,
) -> QueryResult<bool> {
    let CodeEffect::ChangePhone(phone) = effect else {
        return Ok(false);
    };
    let holder: Option<i64> = db_run!(conn => {
        accounts::table
            .filter(accounts::phone.eq(phone.as_str()))
            .filter(accounts::is_phone_number_checked.eq(true))
            .filter(accounts::deleted_at.is_null())
            .filter(accounts::id.ne(account_id))
            .select(accounts::id)
            .first(conn)
            .await
            .optional()
    })?;
    Ok(holder.is_some())
}

/// Applies what an accepted code changes to its account.
async fn apply_effect(
    conn: &mut Conn<'_>,
    effect: &CodeEffect,
    account_id: i64,
    at: StoredTime,
) -> QueryResult<()> {
    let account = accounts::table.find(account_id);
    match effect {
        CodeEffect::None => return Ok(()),
        CodeEffect::VerifyEmail => db_run!(conn => {
            diesel::update(account)
                .set((
                    accounts::email_verified.eq(true),
                    accounts::updated_at.eq(at),
                ))
                .execute(conn)
                .await
        })?,
        CodeEffect::ChangePhone(phone) => db_run!(conn => {
            diesel::update(account)
                .set((
                    accounts::phone.eq(phone.as_str()),
                    accounts::is_phone_number_checked.eq(true),
                    accounts::updated_at.eq(at),
                ))
                .execute(conn)
                .await
        })?,
    };
    Ok(())
}
