//! One-time codes sent by email or SMS: six digits, stored as keyed digests, short-lived,
//! a few attempts, a resend cooldown.

mod attempt;
mod check;
mod cooldown;
#[cfg(any(test, feature = "mock"))]
pub mod mock_check;
mod model;
mod phone_change;
mod ports;
mod service;
mod settings;
#[cfg(test)]
pub(crate) mod test_fixture;

pub use attempt::{AddressedCode, AttemptStep, CodeId, CurrentCode, StoredCode, attempt_step};
pub use check::{CodeRefusal, attempt_code};
pub use cooldown::cooling_down_until;
pub use model::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome, NewVerificationCode};
pub use phone_change::{ChangePhoneError, SendPhoneCodeError};
#[cfg(any(test, feature = "mock"))]
pub use ports::MockVerificationCodeRepository;
pub use ports::VerificationCodeRepository;
pub use service::{ConfirmCodeError, SendCodeError, VerificationPorts, VerificationService};
pub use settings::VerificationSettings;
