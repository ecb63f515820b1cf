//! Row types (`Thing` read, `NewThing` written) and their conversions to and from the domain.
//! A stored value that no longer parses becomes an [`UnexpectedError`], never a panic.

mod account;
mod audit;
mod child;
mod consent;
mod device;
mod notification;
mod outbox;
mod player;
mod policy;
mod profile;
mod push_token;
mod session;
mod sign_in;
mod throttle;
mod verification;

pub use account::{AccountRow, NewAccountRow};
pub use audit::{AuditRow, NewAuditRow};
pub use child::{ChildChangeset, ChildRow, NewChildRow};
pub use consent::{ConsentRecordRow, NewConsentRecordRow};
pub use device::{DeviceRow, NewDeviceRow};
pub use notification::NotificationSettingsRow;
pub use outbox::{NewOutboxRow, OutboxRow};
pub use player::{NewPlayerWeaponRow, PlayerProfileRow, PlayerWeaponRow};
pub use policy::PolicyRow;
pub use profile::ProfileChangeset;
pub use push_token::{NewPushTokenRow, PushTokenRow};
pub use session::{NewRefreshTokenRow, NewSessionRow, RefreshTokenRow, SessionRow};
pub use sign_in::{
    LinkedIdentityRow, NewLinkedIdentityRow, PendingAuthorizationRow, PendingRegistrationRow,
};
pub use throttle::ThrottleCounterRow;
pub use verification::{NewVerificationCodeRow, VerificationCodeRow};

use account_domain::UnexpectedError;

/// A stored code (register type, channel, purpose) that the domain no longer knows.
#[derive(Debug)]
struct UnknownCode(String);

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown code {:?}", self.0)
    }
}

impl std::error::Error for UnknownCode {}

/// For `map_err`: a stored field of row `id` of `what` (e.g. "device") that no longer parses.
fn invalid_field<E>(
    what: &'static str,
    id: i64,
    field: &'static str,
) -> impl FnOnce(E) -> UnexpectedError
where
    E: std::error::Error + Send + Sync + 'static,
{
    move |err| {
        UnexpectedError::with_source(format!("{what} {id} has an invalid stored {field}"), err)
    }
}

/// A count read back from an `INTEGER` column.
fn stored_count(value: i32, what: &str) -> Result<u32, UnexpectedError> {
    u32::try_from(value).map_err(|err| {
        UnexpectedError::with_source(format!("stored {what} {value} is negative"), err)
    })
}

/// A count written to an `INTEGER` column.
pub(crate) fn count_to_store(value: u32, what: &str) -> Result<i32, UnexpectedError> {
    i32::try_from(value).map_err(|err| {
        UnexpectedError::with_source(format!("{what} {value} is too large to store"), err)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_convert_without_wrapping() {
        assert_eq!(stored_count(3, "attempts").ok(), Some(3));
        assert!(stored_count(-1, "attempts").is_err());
        assert_eq!(count_to_store(3, "attempts").ok(), Some(3));
        assert!(count_to_store(u32::MAX, "attempts").is_err());
    }
}
