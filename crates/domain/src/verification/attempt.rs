use chrono::{DateTime, Utc};

use crate::accounts::AccountId;

/// A stored verification code's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodeId(pub i64);

/// The current code for a purpose and target as the store holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCode {
    pub id: CodeId,
    /// The account the code acts on, if any.
    pub account_id: Option<AccountId>,
    pub current: CurrentCode,
}

/// A current code found by its digest, with the target it was sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressedCode {
    pub code: StoredCode,
    /// The normalized email or E.164 phone the code was sent to.
    pub target: String,
}

/// The current (unconsumed, not superseded) code for a purpose and target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentCode {
    pub expires_at: DateTime<Utc>,
    pub attempts_left: u32,
    pub code_digest: String,
}

/// What an attempt does with the current code ([`attempt_code`](super::attempt_code)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptStep {
    Expired,
    Exhausted,
    /// Wrong code: store `attempts_left`.
    Mismatch {
        attempts_left: u32,
    },
    /// Right code: consume it and apply its effect.
    Accept,
}

pub fn attempt_step(code: &CurrentCode, presented_digest: &str, now: DateTime<Utc>) -> AttemptStep {
    if code.expires_at <= now {
        AttemptStep::Expired
    } else if code.attempts_left == 0 {
        AttemptStep::Exhausted
    } else if digests_equal(&code.code_digest, presented_digest) {
        AttemptStep::Accept
    } else {
        AttemptStep::Mismatch {
            attempts_left: code.attempts_left - 1,
        }
    }
}

/// Compares in time independent of where the digests differ.
fn digests_equal(stored: &str, presented: &str) -> bool {
    stored.len() == presented.len()
        && stored
            .bytes()
            .zip(presented.bytes())
            .fold(0_u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::testing::t0;

    fn code(attempts_left: u32) -> CurrentCode {
        CurrentCode {
            expires_at: t0() + Duration::minutes(10),
            attempts_left,
            code_digest: "d1".into(),
        }
    }

    #[test]
    fn the_right_digest_is_accepted_and_a_wrong_one_uses_an_attempt() {
        assert_eq!(attempt_step(&code(5), "d1", t0()), AttemptStep::Accept);
        assert_eq!(
            attempt_step(&code(5), "d2", t0()),
            AttemptStep::Mismatch { attempts_left: 4 }
        );
        assert_eq!(
            attempt_step(&code(1), "d", t0()),
            AttemptStep::Mismatch { attempts_left: 0 }
        );
    }

    #[test]
    fn expiry_comes_before_exhaustion_and_exhaustion_before_the_digest() {
        assert_eq!(
            attempt_step(&code(0), "d1", t0() + Duration::minutes(10)),
            AttemptStep::Expired
        );
        assert_eq!(attempt_step(&code(0), "d1", t0()), AttemptStep::Exhausted);
    }
}
