//! One-time codes sent by email or SMS: six digits, stored as keyed digests, short-lived,
//! a few attempts, a resend cooldown.

mod model;
mod ports;
mod service;
mod settings;

pub use model::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome, NewVerificationCode};
#[cfg(any(test, feature = "mock"))]
pub use ports::MockVerificationCodeRepository;
pub use ports::VerificationCodeRepository;
pub use service::{ConfirmCodeError, SendCodeError, VerificationService};
pub use settings::VerificationSettings;
