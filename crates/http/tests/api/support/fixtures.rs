//! Domain values the tests share.

use account_domain::accounts::{Account, AccountId, PublicAccountId, RegisterType};
use account_domain::auth::{AccessClaims, Session, SessionId};
use account_domain::clock::Clock;
use account_domain::throttle::InMemoryThrottle;
use account_domain::values::{Email, LoginId, Roles};
use chrono::{DateTime, Duration, TimeZone, Utc};

pub const ACCOUNT_ID: AccountId = AccountId(1);
pub const SESSION_ID: SessionId = SessionId(10);
pub const ACCESS_TOKEN: &str = "access-token";
pub const PEER_IP: &str = "203.0.113.5";
/// The public id (`UserID`) of every account the fixtures build.
pub const PUBLIC_ID: &str = "6f8ef70a36f013f3332ef65240fd86363751119c28661738e63b649a149a1c29";

/// The instant the domain's clock reads in every test.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

pub struct FixedClock;

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        now()
    }
}

/// A throttle lockout ending `seconds` after the real wall clock (Retry-After is computed
/// from it).
pub fn retry_at(seconds: i64) -> DateTime<Utc> {
    Utc::now() + Duration::seconds(seconds)
}

/// How many attempts the throttle counter `name` holds: `None` when the request never counted
/// there, `Some(0)` when it reserved an attempt and gave it back (or reset the counter).
pub fn counted(throttle: &InMemoryThrottle, name: &str) -> Option<u32> {
    throttle.state(name).map(|state| state.count)
}

/// The counter code checks from the usual client address spend from.
pub fn code_checks() -> String {
    format!("code-check:ip:{PEER_IP}")
}

pub fn account() -> Account {
    Account {
        id: ACCOUNT_ID,
        public_id: PublicAccountId::parse(PUBLIC_ID).unwrap(),
        email: Email::parse("user@example.com").unwrap(),
        login_id: Some(LoginId::parse("johnny").unwrap()),
        nickname: None,
        password_hash: Some("$argon2id$stored".into()),
        name: Some("John Doe".into()),
        first_name: None,
        last_name: None,
        birthdate: None,
        gender: None,
        phone: None,
        is_phone_number_checked: false,
        register_type: RegisterType::Email,
        national_code: None,
        locale: None,
        introduce: None,
        email_verified: false,
        profile_image_key: None,
        roles: Roles::user(),
        password_changed_at: Some(now() - Duration::days(30)),
        tokens_valid_after: now() - Duration::days(1),
        created_at: now() - Duration::days(30),
        updated_at: now() - Duration::days(1),
        deleted_at: None,
        banned_at: None,
        anonymized_at: None,
    }
}

pub fn session(id: SessionId) -> Session {
    Session {
        id,
        account_id: ACCOUNT_ID,
        user_agent: Some("TestAgent/1.0".into()),
        ip: Some(PEER_IP.into()),
        created_at: now() - Duration::hours(2),
        last_used_at: now() - Duration::hours(1),
        expires_at: now() + Duration::days(89),
        revoked_at: None,
    }
}

pub fn claims() -> AccessClaims {
    AccessClaims {
        account_id: ACCOUNT_ID,
        session_id: SESSION_ID,
        roles: Roles::user(),
        issued_at: now() - Duration::minutes(1),
        expires_at: now() + Duration::minutes(14),
    }
}
