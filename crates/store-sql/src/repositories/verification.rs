use account_domain::UnexpectedError;
use account_domain::verification::{AttemptOutcome, IssueOutcome};
use chrono::{DateTime, Duration, Utc};
use diesel::result::Error as DieselError;

use crate::errors::{TxError, UniqueKey, tx_error, violated_unique_key};
use account_domain::time::later;

/// Why an attempt's transaction was rolled back.
#[derive(Debug)]
pub enum AttemptAbort {
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
pub fn attempt_outcome(
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
pub fn issue_outcome(
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

/// `VerificationCodeRepository`. Issues for one purpose and target take turns, so the
/// cooldown holds under concurrency; at most one code per purpose and target is current (a
/// partial unique index); an attempt reads it locked, decides with
/// [`attempt_step`](account_domain::attempt_step), and consumes it together with its effect.
#[doc(hidden)]
#[macro_export]
macro_rules! __verification_code_repository {
    ($dialect:ident, $store:ty, $name:ident) => {
        $crate::__adapter_struct!(
            $store,
            $name,
            "Stores one-time codes (`VerificationCodeRepository`)."
        );

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::outbox::OutgoingMessage;
            use $crate::__private::account_domain::verification::{
                AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome, NewVerificationCode,
                VerificationCodeRepository,
            };
            use $crate::__private::account_domain::verification::{
                AttemptStep, attempt_step, cooling_down_until,
            };
            use $crate::__private::chrono::{DateTime, Duration, Utc};
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel::result::Error as DieselError;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::TxError;
            use $crate::repositories::verification::{
                AttemptAbort, attempt_outcome, issue_outcome,
            };
            use $crate::rows::{NewOutboxRow, NewVerificationCodeRow, VerificationCodeRow};
            use $crate::schema::{accounts, outbox, verification_codes};
            use $crate::time::StoredTime;

            type Conn = <$store as $crate::ConnectionSource>::Connection;

            /// True when `effect` changes the phone to one another live account has verified.
            async fn phone_held_by_another(
                c: &mut Conn,
                effect: &CodeEffect,
                account_id: i64,
            ) -> Result<bool, DieselError> {
                let CodeEffect::ChangePhone(phone) = effect else {
                    return Ok(false);
                };
                let holder: Option<i64> = accounts::table
                    .filter(accounts::phone.eq(phone.as_str()))
                    .filter(accounts::is_phone_number_checked.eq(true))
                    .filter(accounts::deleted_at.is_null())
                    .filter(accounts::id.ne(account_id))
                    .select(accounts::id)
                    .first(c)
                    .await
                    .optional()?;
                Ok(holder.is_some())
            }

            /// Applies what an accepted code changes to its account.
            async fn apply_effect(
                c: &mut Conn,
                effect: &CodeEffect,
                account_id: i64,
                at: StoredTime,
            ) -> Result<(), DieselError> {
                let account = accounts::table.find(account_id);
                match effect {
                    CodeEffect::None => return Ok(()),
                    CodeEffect::VerifyEmail => {
                        $crate::__private::diesel::update(account)
                            .set((
                                accounts::email_verified.eq(true),
                                accounts::updated_at.eq(at),
                            ))
                            .execute(c)
                            .await?
                    }
                    CodeEffect::ChangePhone(phone) => {
                        $crate::__private::diesel::update(account)
                            .set((
                                accounts::phone.eq(phone.as_str()),
                                accounts::is_phone_number_checked.eq(true),
                                accounts::updated_at.eq(at),
                            ))
                            .execute(c)
                            .await?
                    }
                };
                Ok(())
            }

            #[$crate::__private::async_trait::async_trait]
            impl VerificationCodeRepository for $name {
                async fn issue(
                    &self,
                    code: &NewVerificationCode,
                    cooldown: Duration,
                    message: Option<OutgoingMessage>,
                ) -> Result<IssueOutcome, UnexpectedError> {
                    let purpose = code.purpose.as_str();
                    let new_code = NewVerificationCodeRow::from_domain(code)?;
                    let mut conn = self.store.writer().await?;
                    let result =
                        $crate::__write_transaction!($dialect, &mut *conn, TxError, async |c| {
                            $crate::__serialize_on_key!(
                                $dialect,
                                &mut *c,
                                &format!("verification_codes:{purpose}:{}", code.target)
                            )?;
                            let newest: Option<StoredTime> = verification_codes::table
                                .filter(verification_codes::purpose.eq(purpose))
                                .filter(verification_codes::target.eq(&code.target))
                                .order(verification_codes::created_at.desc())
                                .select(verification_codes::created_at)
                                .first(c)
                                .await
                                .optional()?;
                            if let Some(retry_at) = cooling_down_until(
                                newest.map(Into::into),
                                code.created_at,
                                cooldown,
                            )? {
                                return Ok(IssueOutcome::CoolingDown { retry_at });
                            }
                            $crate::__private::diesel::update(
                                verification_codes::table
                                    .filter(verification_codes::purpose.eq(purpose))
                                    .filter(verification_codes::target.eq(&code.target))
                                    .filter(verification_codes::consumed_at.is_null())
                                    .filter(verification_codes::superseded.eq(false)),
                            )
                            .set(verification_codes::superseded.eq(true))
                            .execute(c)
                            .await?;
                            $crate::__private::diesel::insert_into(verification_codes::table)
                                .values(&new_code)
                                .execute(c)
                                .await?;
                            if let Some(message) = &message {
                                $crate::__private::diesel::insert_into(outbox::table)
                                    .values(NewOutboxRow::new(message, code.created_at))
                                    .execute(c)
                                    .await?;
                            }
                            Ok(IssueOutcome::Issued)
                        });
                    issue_outcome(result, code.created_at, cooldown)
                }

                async fn attempt(
                    &self,
                    purpose: CodePurpose,
                    target: &str,
                    code_digest: &str,
                    effect: &CodeEffect,
                    now: DateTime<Utc>,
                ) -> Result<AttemptOutcome, UnexpectedError> {
                    let at = StoredTime(now);
                    let mut conn = self.store.writer().await?;
                    let result = $crate::__write_transaction!(
                        $dialect,
                        &mut *conn,
                        AttemptAbort,
                        async |c| {
                            let current: Option<VerificationCodeRow> = $crate::__lock_for_update!(
                                $dialect,
                                verification_codes::table
                                    .filter(verification_codes::purpose.eq(purpose.as_str()))
                                    .filter(verification_codes::target.eq(target))
                                    .filter(verification_codes::consumed_at.is_null())
                                    .filter(verification_codes::superseded.eq(false))
                                    .select(VerificationCodeRow::as_select())
                            )
                            .get_result(c)
                            .await
                            .optional()?;
                            let Some(row) = current else {
                                return Ok(AttemptOutcome::NotFound);
                            };
                            match attempt_step(&row.current_code()?, code_digest, now) {
                                AttemptStep::Expired => Ok(AttemptOutcome::Expired),
                                AttemptStep::Exhausted => Ok(AttemptOutcome::Exhausted),
                                AttemptStep::Mismatch { attempts_left } => {
                                    $crate::__private::diesel::update(
                                        verification_codes::table.find(row.id),
                                    )
                                    .set(
                                        verification_codes::attempts_left
                                            .eq(verification_codes::attempts_left - 1),
                                    )
                                    .execute(c)
                                    .await?;
                                    Ok(AttemptOutcome::Mismatch { attempts_left })
                                }
                                AttemptStep::Accept => {
                                    if let Some(account_id) = row.account_id {
                                        if phone_held_by_another(c, effect, account_id).await? {
                                            return Ok(AttemptOutcome::PhoneTaken);
                                        }
                                        apply_effect(c, effect, account_id, at).await?;
                                    }
                                    $crate::__private::diesel::update(
                                        verification_codes::table.find(row.id),
                                    )
                                    .set(verification_codes::consumed_at.eq(at))
                                    .execute(c)
                                    .await?;
                                    Ok(AttemptOutcome::Accepted {
                                        account_id: row.account_id(),
                                    })
                                }
                            }
                        }
                    );
                    attempt_outcome(result)
                }
            }
        };
    };
}
