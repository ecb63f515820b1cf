//! For tests of code checks in this and other crates: a [`MockStoreTransaction`] that holds a
//! current code whose check ends with a given outcome.

use chrono::{DateTime, Duration, Utc};

use super::{AttemptOutcome, CodeEffect, CodeId, CodePurpose, CurrentCode, StoredCode};
use crate::accounts::AccountId;
use crate::store::MockStoreTransaction;

/// A code check as a test expects it to run.
pub struct ExpectedCheck {
    pub purpose: CodePurpose,
    pub target: String,
    /// The digest of the code the test presents.
    pub presented_digest: String,
    /// The account the stored code acts on.
    pub account: AccountId,
    pub effect: CodeEffect,
    pub now: DateTime<Utc>,
}

/// Sets `tx` up so that checking the presented code ends with `outcome`, expecting exactly
/// the writes that outcome makes (an attempt used; or the code consumed and its effect applied
/// to `check.account`).
pub fn expect_check(tx: &mut MockStoreTransaction, check: ExpectedCheck, outcome: AttemptOutcome) {
    let ExpectedCheck {
        purpose,
        target,
        presented_digest,
        account,
        effect,
        now,
    } = check;
    let mut current = CurrentCode {
        expires_at: now + Duration::minutes(10),
        attempts_left: 5,
        code_digest: presented_digest.clone(),
    };
    match &outcome {
        AttemptOutcome::Mismatch { attempts_left } => {
            current.code_digest = format!("not {presented_digest}");
            current.attempts_left = attempts_left + 1;
            tx.expect_use_code_attempt().times(1).returning(|_| Ok(()));
        }
        AttemptOutcome::Exhausted => current.attempts_left = 0,
        AttemptOutcome::Expired => current.expires_at = now,
        AttemptOutcome::Accepted { .. } => {
            expect_effect(tx, account, effect, now, true);
            tx.expect_consume_code().times(1).returning(|_, _| Ok(()));
        }
        AttemptOutcome::PhoneTaken => expect_effect(tx, account, effect, now, false),
        AttemptOutcome::NotFound => {}
    }
    let found = (outcome != AttemptOutcome::NotFound).then_some(StoredCode {
        id: CodeId(1),
        account_id: Some(account),
        current,
    });
    tx.expect_lock_current_code()
        .withf(move |p, t| *p == purpose && t == target)
        .times(1)
        .return_once(move |_, _| Ok(found));
}

fn expect_effect(
    tx: &mut MockStoreTransaction,
    account: AccountId,
    effect: CodeEffect,
    now: DateTime<Utc>,
    applies: bool,
) {
    match effect {
        CodeEffect::None => {}
        CodeEffect::VerifyEmail => {
            tx.expect_mark_email_verified()
                .withf(move |a, at| *a == account && *at == now)
                .times(1)
                .returning(|_, _| Ok(()));
        }
        CodeEffect::ChangePhone(phone) => {
            // No account row to read: the change notifies no one.
            tx.expect_lock_account()
                .withf(move |a| *a == account)
                .returning(|_| Ok(None));
            let elsewhere = phone.clone();
            tx.expect_phone_checked_elsewhere()
                .withf(move |a, p| *a == account && *p == elsewhere)
                .returning(move |_, _| Ok(!applies));
            tx.expect_set_checked_phone()
                .withf(move |a, p, at| *a == account && *p == phone && *at == now)
                .times(usize::from(applies))
                .returning(|_, _, _| Ok(true));
        }
    }
}
