use chrono::{DateTime, Utc};

use crate::accounts::AccountId;
use crate::values::Phone;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodePurpose {
    EmailVerification,
    PhoneChange,
    PasswordReset,
    AccountFind,
    /// The service user account document's emailed `Token`: a code that stands alone for its
    /// address (sign-up, finding the account) or confirms a change of the signed-in account
    /// (deletion, password).
    AccountAccess,
}

impl CodePurpose {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::EmailVerification => "email_verification",
            Self::PhoneChange => "phone_change",
            Self::PasswordReset => "password_reset",
            Self::AccountFind => "account_find",
            Self::AccountAccess => "account_access",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [
            Self::EmailVerification,
            Self::PhoneChange,
            Self::PasswordReset,
            Self::AccountFind,
            Self::AccountAccess,
        ]
        .into_iter()
        .find(|p| p.as_str() == raw)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewVerificationCode {
    pub purpose: CodePurpose,
    /// Normalized email or E.164 phone the code was sent to.
    pub target: String,
    /// The account the code acts on; `None` when the target has no account (the code is then
    /// recorded, for an identical cooldown, but never delivered).
    pub account_id: Option<AccountId>,
    pub code_digest: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub attempts: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueOutcome {
    Issued,
    /// A code for this purpose and target was sent less than the cooldown ago.
    CoolingDown {
        retry_at: DateTime<Utc>,
    },
}

/// What an accepted code changes, in the same transaction that consumes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeEffect {
    None,
    /// Marks the code's account's email verified.
    VerifyEmail,
    /// Sets the code's account's phone to this number, checked.
    ChangePhone(Phone),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// Consumed; the effect is applied.
    Accepted {
        account_id: Option<AccountId>,
    },
    /// Wrong code; one attempt used.
    Mismatch {
        attempts_left: u32,
    },
    /// No attempts left on the current code.
    Exhausted,
    Expired,
    /// No unconsumed code for this purpose and target.
    NotFound,
    /// The effect could not apply: the phone number belongs to another live account.
    PhoneTaken,
}
