//! Fixtures for the domain's own unit tests.

use chrono::{DateTime, TimeZone, Utc};

use crate::accounts::{Account, AccountId, RegisterType};
use crate::auth::{Principal, Session, SessionId};
use crate::children::{ChildId, ChildUser, ChildWithDevice};
use crate::clock::MockClock;
use crate::devices::{Device, DeviceId};
use crate::throttle::{CounterState, ThrottleRule};
use crate::values::{Birthdate, DeviceUniqueId, Email, Gender, MacId, Role, Roles, SerialCode};

/// 3 attempts in 10 minutes, then 15 minutes' lockout: the rule the throttle's unit tests count
/// under.
pub const THROTTLE_RULE: ThrottleRule = ThrottleRule {
    limit: 3,
    window: chrono::Duration::minutes(10),
    lockout: chrono::Duration::minutes(15),
};

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .single()
        .expect("valid instant")
}

/// A throttle counter that has counted `count` events in a window started at [`t0`], with no
/// block: what `count` earlier attempts left.
pub fn counted(count: u32) -> CounterState {
    CounterState {
        window_started_at: t0(),
        count,
        blocked_until: None,
    }
}

pub fn clock_at(now: DateTime<Utc>) -> MockClock {
    let mut clock = MockClock::new();
    clock.expect_now().return_const(now);
    clock
}

/// A generator that hands out public account ids only ([`PUBLIC_ID`]).
pub fn public_ids() -> crate::secrets::MockSecretGenerator {
    let mut secrets = crate::secrets::MockSecretGenerator::new();
    secrets
        .expect_random_hex()
        .return_const(PUBLIC_ID.to_owned());
    secrets
}

/// The public id of every account the fixtures build.
pub const PUBLIC_ID: &str = "6f8ef70a36f013f3332ef65240fd86363751119c28661738e63b649a149a1c29";

pub fn account(id: i64, email: &str) -> Account {
    Account {
        id: AccountId(id),
        public_id: crate::accounts::PublicAccountId::parse(PUBLIC_ID).expect("valid public id"),
        email: Email::parse(email).expect("valid email"),
        login_id: None,
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
        password_changed_at: Some(t0()),
        tokens_valid_after: t0(),
        created_at: t0(),
        updated_at: t0(),
        deleted_at: None,
        banned_at: None,
        anonymized_at: None,
    }
}

pub fn session(id: i64, account: i64) -> Session {
    Session {
        id: SessionId(id),
        account_id: AccountId(account),
        user_agent: Some("test-agent".into()),
        ip: Some("10.0.0.1".into()),
        created_at: t0(),
        last_used_at: t0(),
        expires_at: t0() + chrono::Duration::days(90),
        revoked_at: None,
    }
}

/// A caller of account `account` in session 5; `roles` empty means USER.
pub fn principal(account: i64, roles: &[Role]) -> Principal {
    let roles = if roles.is_empty() {
        Roles::user()
    } else {
        Roles::new(roles.iter().copied())
    };
    let mut loaded = self::account(account, "caller@example.com");
    loaded.roles = roles.clone();
    Principal {
        account_id: AccountId(account),
        session_id: SessionId(5),
        roles,
        account: loaded,
    }
}

pub fn child(id: i64, root_user: i64) -> ChildUser {
    ChildUser {
        id: ChildId(id),
        root_user_id: AccountId(root_user),
        first_name: "test".into(),
        last_name: None,
        birthdate: Birthdate::parse("20200101", t0().date_naive()).expect("valid birthdate"),
        gender: Gender::Female,
        created_at: t0(),
        updated_at: t0(),
        deleted_at: None,
    }
}

/// Device `id` (serial code `SL20401000` + id), bound to child `bound_to` if any.
pub fn device(id: i64, bound_to: Option<i64>) -> Device {
    Device {
        id: DeviceId(id),
        serial_code: SerialCode::parse(&format!("SL{:08}", 20401000 + id))
            .expect("valid serial code"),
        mac_id: MacId::parse("41AD").expect("valid mac id"),
        unique_id: DeviceUniqueId::parse(&format!("unique-{id}")).expect("valid unique id"),
        alias: Some("bedroom".into()),
        now_firmware_id: Some(1),
        last_log_file_id: None,
        real_user_id: bound_to.map(ChildId),
        created_at: t0(),
    }
}

pub fn child_with_device(child_id: i64, root_user: i64, device_id: i64) -> ChildWithDevice {
    ChildWithDevice {
        child: child(child_id, root_user),
        device: device(device_id, Some(child_id)),
    }
}
