use chrono::{DateTime, Utc};

use super::attempt::{AttemptStep, attempt_step};
use super::model::{AttemptOutcome, CodeEffect, CodePurpose};
use super::phone_change::change_checked_phone;
use crate::UnexpectedError;
use crate::store::StoreTransaction;

/// Why an attempt rolled back everything it did.
#[derive(Debug, thiserror::Error)]
pub enum CodeRefusal {
    /// The code was right but the new phone number is another live account's.
    #[error("the phone number belongs to another account")]
    PhoneTaken,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// What presenting a code does, in the caller's transaction: the current code for
/// (`purpose`, `target`) is locked and judged ([`attempt_step`]); a wrong code uses an attempt;
/// the right one is consumed and does what it was sent for (`effect`) to its account: verify
/// the email, or make the phone number the account's checked one and queue the notices of the
/// change ([`change_checked_phone`]). A phone number that another live account holds refuses
/// the whole attempt (`CodeRefusal::PhoneTaken`, roll back).
pub async fn attempt_code(
    tx: &mut dyn StoreTransaction,
    purpose: CodePurpose,
    target: &str,
    code_digest: &str,
    effect: &CodeEffect,
    now: DateTime<Utc>,
) -> Result<AttemptOutcome, CodeRefusal> {
    let Some(code) = tx.lock_current_code(purpose, target).await? else {
        return Ok(AttemptOutcome::NotFound);
    };
    match attempt_step(&code.current, code_digest, now) {
        AttemptStep::Expired => Ok(AttemptOutcome::Expired),
        AttemptStep::Exhausted => Ok(AttemptOutcome::Exhausted),
        AttemptStep::Mismatch { attempts_left } => {
            tx.use_code_attempt(code.id).await?;
            Ok(AttemptOutcome::Mismatch { attempts_left })
        }
        AttemptStep::Accept => {
            if let Some(account) = code.account_id {
                match effect {
                    CodeEffect::None => {}
                    CodeEffect::VerifyEmail => tx.mark_email_verified(account, now).await?,
                    CodeEffect::ChangePhone(phone) => {
                        if !change_checked_phone(tx, account, phone, now).await? {
                            return Err(CodeRefusal::PhoneTaken);
                        }
                    }
                }
            }
            tx.consume_code(code.id, now).await?;
            Ok(AttemptOutcome::Accepted {
                account_id: code.account_id,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use mockall::predicate::eq;

    use super::*;
    use crate::accounts::AccountId;
    use crate::store::MockStoreTransaction;
    use crate::testing::t0;
    use crate::values::Phone;
    use crate::verification::{CodeId, CurrentCode, StoredCode};

    fn stored(attempts_left: u32) -> StoredCode {
        StoredCode {
            id: CodeId(3),
            account_id: Some(AccountId(4)),
            current: CurrentCode {
                expires_at: t0() + Duration::minutes(10),
                attempts_left,
                code_digest: "right".into(),
            },
        }
    }

    fn holding(code: Option<StoredCode>) -> MockStoreTransaction {
        let mut tx = MockStoreTransaction::new();
        tx.expect_lock_current_code()
            .withf(|purpose, target| {
                *purpose == CodePurpose::EmailVerification && target == "a@example.com"
            })
            .return_once(move |_, _| Ok(code));
        tx
    }

    async fn attempt(
        tx: &mut MockStoreTransaction,
        digest: &str,
        effect: &CodeEffect,
    ) -> Result<AttemptOutcome, CodeRefusal> {
        let purpose = CodePurpose::EmailVerification;
        attempt_code(tx, purpose, "a@example.com", digest, effect, t0()).await
    }

    #[tokio::test]
    async fn the_right_code_is_consumed_and_verifies_the_email() {
        let mut tx = holding(Some(stored(5)));
        tx.expect_mark_email_verified()
            .with(eq(AccountId(4)), eq(t0()))
            .times(1)
            .returning(|_, _| Ok(()));
        tx.expect_consume_code()
            .with(eq(CodeId(3)), eq(t0()))
            .times(1)
            .returning(|_, _| Ok(()));
        let outcome = attempt(&mut tx, "right", &CodeEffect::VerifyEmail).await;
        assert_eq!(
            outcome.ok(),
            Some(AttemptOutcome::Accepted {
                account_id: Some(AccountId(4))
            })
        );
    }

    #[tokio::test]
    async fn a_wrong_code_uses_an_attempt_and_changes_nothing_else() {
        let mut tx = holding(Some(stored(5)));
        tx.expect_use_code_attempt()
            .with(eq(CodeId(3)))
            .times(1)
            .returning(|_| Ok(()));
        tx.expect_consume_code().never();
        tx.expect_mark_email_verified().never();
        let outcome = attempt(&mut tx, "wrong", &CodeEffect::VerifyEmail).await;
        assert_eq!(
            outcome.ok(),
            Some(AttemptOutcome::Mismatch { attempts_left: 4 })
        );
    }

    #[tokio::test]
    async fn missing_exhausted_and_expired_codes_change_nothing() {
        let mut tx = holding(None);
        let outcome = attempt(&mut tx, "right", &CodeEffect::VerifyEmail).await;
        assert_eq!(outcome.ok(), Some(AttemptOutcome::NotFound));

        let mut tx = holding(Some(stored(0)));
        tx.expect_use_code_attempt().never();
        let outcome = attempt(&mut tx, "right", &CodeEffect::VerifyEmail).await;
        assert_eq!(outcome.ok(), Some(AttemptOutcome::Exhausted));

        let mut expired = stored(5);
        expired.current.expires_at = t0();
        let mut tx = holding(Some(expired));
        tx.expect_consume_code().never();
        let outcome = attempt(&mut tx, "right", &CodeEffect::VerifyEmail).await;
        assert_eq!(outcome.ok(), Some(AttemptOutcome::Expired));
    }

    #[tokio::test]
    async fn a_phone_held_by_another_account_refuses_the_attempt() {
        let phone = Phone::parse("+821012345678").unwrap();
        let effect = CodeEffect::ChangePhone(phone.clone());
        let mut tx = holding(Some(stored(5)));
        tx.expect_lock_account().returning(|_| Ok(None));
        tx.expect_phone_checked_elsewhere()
            .returning(|_, _| Ok(true));
        tx.expect_set_checked_phone().never();
        tx.expect_consume_code().never();
        let outcome = attempt(&mut tx, "right", &effect).await;
        assert!(
            matches!(outcome, Err(CodeRefusal::PhoneTaken)),
            "{outcome:?}"
        );

        let mut tx = holding(Some(stored(5)));
        tx.expect_lock_account().returning(|_| Ok(None));
        tx.expect_phone_checked_elsewhere()
            .returning(|_, _| Ok(false));
        tx.expect_set_checked_phone().returning(|_, _, _| Ok(false));
        tx.expect_enqueue_message().never();
        tx.expect_consume_code().never();
        let outcome = attempt(&mut tx, "right", &effect).await;
        assert!(
            matches!(outcome, Err(CodeRefusal::PhoneTaken)),
            "{outcome:?}"
        );
    }

    #[tokio::test]
    async fn the_right_phone_code_sets_the_phone_checked() {
        let phone = Phone::parse("+821012345678").unwrap();
        let mut tx = holding(Some(stored(5)));
        tx.expect_lock_account()
            .with(eq(AccountId(4)))
            .returning(|_| Ok(None));
        tx.expect_phone_checked_elsewhere()
            .with(eq(AccountId(4)), eq(phone.clone()))
            .returning(|_, _| Ok(false));
        tx.expect_set_checked_phone()
            .with(eq(AccountId(4)), eq(phone.clone()), eq(t0()))
            .times(1)
            .returning(|_, _, _| Ok(true));
        tx.expect_consume_code().times(1).returning(|_, _| Ok(()));
        let outcome = attempt(&mut tx, "right", &CodeEffect::ChangePhone(phone)).await;
        assert!(
            matches!(outcome, Ok(AttemptOutcome::Accepted { .. })),
            "{outcome:?}"
        );
    }
}
