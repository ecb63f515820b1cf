//! Security events (ASVS 16.3.1-16.3.3): one structured log line per event, with target
//! [`TARGET`] (`security`), so that an operator can route them apart (`RUST_LOG=security=info`).
//!
//! Every line carries `event` (a stable snake_case name) and the fields of its kind, and only
//! ids, the client IP, keyed digests and counts: never a password, code, token, email or phone
//! number. The list with levels and fields is `docs/security/events.md`.
//!
//! ```text
//! security_events::record(&SecurityEvent::RefreshTokenReused { account, session });
//! ```

use chrono::{DateTime, Utc};

use crate::accounts::AccountId;
use crate::auth::SessionId;
use crate::children::ChildId;
use crate::devices::DeviceId;

#[cfg(any(test, feature = "mock"))]
pub mod capture;

/// The `tracing` target of every security event.
pub const TARGET: &str = "security";

/// The text of every security event's line; its `event` field says which.
pub const MESSAGE: &str = "security event";

/// How loud an event is: `Warn` for what looks like an attack or a mistake worth a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventLevel {
    Info,
    Warn,
}

/// Which sessions a revocation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationScope {
    /// The caller's own session (log-out).
    Logout,
    /// One session the caller named.
    One,
    /// Every session of the caller but the current one.
    AllOthers,
}

impl RevocationScope {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Logout => "logout",
            Self::One => "one",
            Self::AllOthers => "all_others",
        }
    }
}

/// A security event. Borrowed fields are the caller's; nothing here may hold a secret or a
/// raw identifier (email, login id, phone).
#[derive(Debug, Clone, PartialEq)]
pub enum SecurityEvent<'a> {
    /// A log-in that issued a session.
    LoginSucceeded {
        account: AccountId,
        session: SessionId,
        ip: Option<&'a str>,
    },
    /// A refused log-in. `identifier_digest` is a keyed, non-reversible digest of the
    /// identifier as given (never the identifier itself); `account` when it named one.
    LoginFailed {
        account: Option<AccountId>,
        ip: Option<&'a str>,
        identifier_digest: &'a str,
    },
    /// A throttle counter reached its limit: attempts on `scope` (`"identifier"`, `"ip"`,
    /// `"account"`, ...) are refused until `until`.
    LockoutStarted {
        scope: &'static str,
        account: Option<AccountId>,
        ip: Option<&'a str>,
        identifier_digest: Option<&'a str>,
        until: DateTime<Utc>,
    },
    /// A spent refresh token came back outside the grace window: the session (the token's
    /// family) is revoked.
    RefreshTokenReused {
        account: AccountId,
        session: SessionId,
    },
    /// The caller (in `session`) ended `revoked` of their sessions.
    SessionsRevoked {
        account: AccountId,
        session: SessionId,
        scope: RevocationScope,
        revoked: u64,
    },
    /// The caller lacks the role `action` needs (`required`, e.g. `"ADMIN"`).
    RoleDenied {
        account: AccountId,
        session: Option<SessionId>,
        action: &'static str,
        required: &'static str,
    },
    /// The caller asked for another user's `resource` (e.g. `"child_user"`) with this id.
    OwnershipDenied {
        account: AccountId,
        session: SessionId,
        resource: &'static str,
        resource_id: i64,
    },
    /// The account's roles are now `roles` (CSV of role names), set by ADMIN `by` or by the
    /// operator at the console (`by` = `None`).
    RolesChanged {
        account: AccountId,
        by: Option<AccountId>,
        roles: &'a str,
    },
    /// A signed-in caller gave a wrong password where one is asked again (verify, change,
    /// delete): someone holding a token may be guessing.
    PasswordCheckFailed {
        account: AccountId,
        session: SessionId,
    },
    /// The password changed; every other session ended.
    PasswordChanged {
        account: AccountId,
        session: SessionId,
    },
    /// The password was reset with an emailed token from `ip`: the email is verified and
    /// `revoked` sessions ended.
    PasswordReset {
        account: AccountId,
        ip: Option<&'a str>,
        revoked: u64,
    },
    /// The account is withdrawn; `notices` names the channels a notice was queued on.
    AccountWithdrawn {
        account: AccountId,
        notices: &'static str,
    },
    /// The account's phone changed to a number checked by code; `notices` names the
    /// channels a notice was queued on (the previous phone, the account's email).
    PhoneChanged {
        account: AccountId,
        ip: Option<&'a str>,
        notices: &'static str,
    },
    /// A device was bound to a new child user of the account.
    DeviceClaimed {
        account: AccountId,
        session: SessionId,
        child: ChildId,
        device: DeviceId,
    },
    /// A child user of the account was deleted and its devices released.
    DeviceReleased {
        account: AccountId,
        session: SessionId,
        child: ChildId,
    },
}

impl SecurityEvent<'_> {
    /// The stable name in the line's `event` field.
    pub fn name(&self) -> &'static str {
        match self {
            Self::LoginSucceeded { .. } => "login_succeeded",
            Self::LoginFailed { .. } => "login_failed",
            Self::LockoutStarted { .. } => "lockout_started",
            Self::RefreshTokenReused { .. } => "refresh_token_reused",
            Self::SessionsRevoked { .. } => "sessions_revoked",
            Self::RoleDenied { .. } => "role_denied",
            Self::OwnershipDenied { .. } => "ownership_denied",
            Self::RolesChanged { .. } => "roles_changed",
            Self::PasswordCheckFailed { .. } => "password_check_failed",
            Self::PasswordChanged { .. } => "password_changed",
            Self::PasswordReset { .. } => "password_reset",
            Self::AccountWithdrawn { .. } => "account_withdrawn",
            Self::PhoneChanged { .. } => "phone_changed",
            Self::DeviceClaimed { .. } => "device_claimed",
            Self::DeviceReleased { .. } => "device_released",
        }
    }

    pub fn level(&self) -> EventLevel {
        match self {
            Self::LockoutStarted { .. }
            | Self::RefreshTokenReused { .. }
            | Self::RoleDenied { .. }
            | Self::OwnershipDenied { .. }
            | Self::PasswordCheckFailed { .. } => EventLevel::Warn,
            _ => EventLevel::Info,
        }
    }

    fn fields(&self) -> Fields<'_> {
        let mut f = Fields {
            event: self.name(),
            ..Fields::default()
        };
        match *self {
            Self::LoginSucceeded {
                account,
                session,
                ip,
            } => {
                f.account_id = Some(account.0);
                f.session_id = Some(session.0);
                f.ip = ip;
            }
            Self::LoginFailed {
                account,
                ip,
                identifier_digest,
            } => {
                f.account_id = account.map(|a| a.0);
                f.ip = ip;
                f.identifier_digest = Some(identifier_digest);
            }
            Self::LockoutStarted {
                scope,
                account,
                ip,
                identifier_digest,
                until,
            } => {
                f.scope = Some(scope);
                f.account_id = account.map(|a| a.0);
                f.ip = ip;
                f.identifier_digest = identifier_digest;
                f.until = Some(until.to_rfc3339());
            }
            Self::RefreshTokenReused { account, session }
            | Self::PasswordCheckFailed { account, session }
            | Self::PasswordChanged { account, session } => {
                f.account_id = Some(account.0);
                f.session_id = Some(session.0);
            }
            Self::SessionsRevoked {
                account,
                session,
                scope,
                revoked,
            } => {
                f.account_id = Some(account.0);
                f.session_id = Some(session.0);
                f.scope = Some(scope.as_str());
                f.count = Some(revoked);
            }
            Self::RoleDenied {
                account,
                session,
                action,
                required,
            } => {
                f.account_id = Some(account.0);
                f.session_id = session.map(|s| s.0);
                f.action = Some(action);
                f.required_role = Some(required);
            }
            Self::OwnershipDenied {
                account,
                session,
                resource,
                resource_id,
            } => {
                f.account_id = Some(account.0);
                f.session_id = Some(session.0);
                f.resource = Some(resource);
                f.resource_id = Some(resource_id);
            }
            Self::RolesChanged { account, by, roles } => {
                f.account_id = Some(account.0);
                f.by_account_id = by.map(|a| a.0);
                f.roles = Some(roles);
            }
            Self::PasswordReset {
                account,
                ip,
                revoked,
            } => {
                f.account_id = Some(account.0);
                f.ip = ip;
                f.count = Some(revoked);
            }
            Self::AccountWithdrawn { account, notices } => {
                f.account_id = Some(account.0);
                f.notices = Some(notices);
            }
            Self::PhoneChanged {
                account,
                ip,
                notices,
            } => {
                f.account_id = Some(account.0);
                f.ip = ip;
                f.notices = Some(notices);
            }
            Self::DeviceClaimed {
                account,
                session,
                child,
                device,
            } => {
                f.account_id = Some(account.0);
                f.session_id = Some(session.0);
                f.child_id = Some(child.0);
                f.device_id = Some(device.0);
            }
            Self::DeviceReleased {
                account,
                session,
                child,
            } => {
                f.account_id = Some(account.0);
                f.session_id = Some(session.0);
                f.child_id = Some(child.0);
            }
        }
        f
    }
}

/// Writes the event to the log (target [`TARGET`], at its [`level`](SecurityEvent::level)).
pub fn record(event: &SecurityEvent<'_>) {
    let f = event.fields();
    // A `tracing` level must be a constant at the call site: one call per level.
    macro_rules! emit {
        ($macro:ident) => {
            tracing::$macro!(
                target: "security",
                event = f.event,
                account_id = f.account_id,
                session_id = f.session_id,
                ip = f.ip,
                identifier_digest = f.identifier_digest,
                by_account_id = f.by_account_id,
                scope = f.scope,
                count = f.count,
                action = f.action,
                required_role = f.required_role,
                resource = f.resource,
                resource_id = f.resource_id,
                roles = f.roles,
                child_id = f.child_id,
                device_id = f.device_id,
                notices = f.notices,
                until = f.until.as_deref(),
                "security event"
            )
        };
    }
    match event.level() {
        EventLevel::Info => emit!(info),
        EventLevel::Warn => emit!(warn),
    }
}

/// The channels of the notices queued for a change, as an event's `notices` field.
pub fn notice_channels(email: bool, sms: bool) -> &'static str {
    match (email, sms) {
        (true, true) => "email,sms",
        (true, false) => "email",
        (false, true) => "sms",
        (false, false) => "none",
    }
}

/// One line's fields; `None` is left out of the line.
#[derive(Default)]
struct Fields<'a> {
    event: &'static str,
    account_id: Option<i64>,
    session_id: Option<i64>,
    ip: Option<&'a str>,
    identifier_digest: Option<&'a str>,
    by_account_id: Option<i64>,
    scope: Option<&'static str>,
    count: Option<u64>,
    action: Option<&'static str>,
    required_role: Option<&'static str>,
    resource: Option<&'static str>,
    resource_id: Option<i64>,
    roles: Option<&'a str>,
    child_id: Option<i64>,
    device_id: Option<i64>,
    notices: Option<&'static str>,
    until: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::capture::capture;
    use super::*;
    use crate::testing::t0;

    #[tokio::test]
    async fn an_event_is_one_line_with_target_security_and_only_its_fields() {
        let ((), log) = capture(async {
            record(&SecurityEvent::RefreshTokenReused {
                account: AccountId(1),
                session: SessionId(2),
            });
        })
        .await;
        let events = log.events();
        assert_eq!(events.len(), 1);
        let event = &events[0];
        assert_eq!(event.target, TARGET);
        assert_eq!(event.level, tracing::Level::WARN);
        assert_eq!(event.field("event"), Some("refresh_token_reused"));
        assert_eq!(event.field("message"), Some(MESSAGE));
        assert_eq!(event.field("account_id"), Some("1"));
        assert_eq!(event.field("session_id"), Some("2"));
        assert_eq!(event.field("ip"), None, "absent fields are left out");
    }

    #[tokio::test]
    async fn levels_follow_the_kind() {
        let ((), log) = capture(async {
            record(&SecurityEvent::LockoutStarted {
                scope: "ip",
                account: None,
                ip: Some("10.0.0.1"),
                identifier_digest: None,
                until: t0(),
            });
            record(&SecurityEvent::AccountWithdrawn {
                account: AccountId(1),
                notices: notice_channels(true, false),
            });
        })
        .await;
        let lockout = log.named("lockout_started");
        assert_eq!(lockout[0].level, tracing::Level::WARN);
        assert_eq!(lockout[0].field("until"), Some(t0().to_rfc3339().as_str()));
        let withdrawn = log.named("account_withdrawn");
        assert_eq!(withdrawn[0].level, tracing::Level::INFO);
        assert_eq!(withdrawn[0].field("notices"), Some("email"));
    }
}
