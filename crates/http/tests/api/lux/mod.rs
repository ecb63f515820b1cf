//! The Lux user API, checked against its document: each documented example (request as
//! written, response fields, types and formats as written) and each documented error row.

mod common;
mod create_real_user;
mod delete_real_user;
mod device;
mod me;
mod notification;
mod phone;
mod policy;
mod push;
mod real_user;
mod root_user;

use account_domain::accounts::{Account, RegisterType};
use account_domain::children::{ChildId, ChildUser};
pub use account_domain::devices::Device;
use account_domain::devices::DeviceId;
use account_domain::values::{Birthdate, DeviceUniqueId, Gender, MacId, Phone, Roles, SerialCode};
use actix_web::http::Method;
use actix_web::test::TestRequest;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde_json::Value;

use crate::support::fixtures::{self, ACCESS_TOKEN, ACCOUNT_ID, SESSION_ID, now};
use crate::support::{Mocks, request, with_token};

/// `{"detail": "..."}`
pub fn lux_error(detail: &str) -> Value {
    serde_json::json!({ "detail": detail })
}

pub fn date(yyyymmdd: &str) -> Birthdate {
    let parsed = NaiveDate::parse_from_str(yyyymmdd, "%Y%m%d").unwrap_or_default();
    Birthdate::from_stored(parsed)
}

/// An instant written as the document writes them.
pub fn instant(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_default()
}

/// The root user of the document's `GET me` example: `test kim`, born 2024-07-22, a checked
/// Korean phone number (its `national_code` comes from it), a password set 100 days ago.
pub fn root_user() -> Account {
    Account {
        first_name: Some("test".into()),
        last_name: Some("kim".into()),
        birthdate: Some(date("20240722")),
        gender: Some(Gender::Male),
        phone: Phone::parse("+821012345678").ok(),
        is_phone_number_checked: true,
        register_type: RegisterType::Email,
        national_code: None,
        password_changed_at: Some(now() - Duration::days(100)),
        ..fixtures::account()
    }
}

pub fn with_roles(account: Account, roles: Roles) -> Account {
    Account { roles, ..account }
}

pub fn deleted(account: Account) -> Account {
    Account {
        deleted_at: Some(now() - Duration::hours(1)),
        ..account
    }
}

/// `Bearer access-token` authenticates `account` in session 10.
pub fn signed_in(account: Account) -> Mocks {
    signed_in_then(account.clone(), Some(account))
}

/// `Bearer access-token` authenticates `account`; every later read of the account (by the use
/// case) finds `later`: the account changed between authentication and the use case.
pub fn signed_in_then(account: Account, later: Option<Account>) -> Mocks {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .withf(|token, _| token == ACCESS_TOKEN)
        .returning(|_, _| Ok(fixtures::claims()));
    mocks
        .sessions
        .expect_find_with_account()
        .withf(|id| *id == SESSION_ID)
        .returning(move |id| Ok(Some((fixtures::session(id), account.clone()))));
    mocks
        .accounts
        .expect_find_by_id()
        .withf(|id| *id == ACCOUNT_ID)
        .returning(move |_| Ok(later.clone()));
    mocks
}

/// A validly signed token whose session and account are gone.
pub fn signed_in_to_nothing() -> Mocks {
    let mut mocks = Mocks::new();
    mocks
        .verifier
        .expect_verify()
        .returning(|_, _| Ok(fixtures::claims()));
    mocks
        .sessions
        .expect_find_with_account()
        .returning(|_| Ok(None));
    mocks.accounts.expect_find_by_id().returning(|_| Ok(None));
    mocks
}

/// A child user of account 1, as the document's update example leaves it.
pub fn child(id: i64, root_user_id: i64) -> ChildUser {
    ChildUser {
        id: ChildId(id),
        root_user_id: account_domain::accounts::AccountId(root_user_id),
        first_name: "tester".into(),
        last_name: Some("john".into()),
        birthdate: date("20010608"),
        gender: Gender::PreferNotToSay,
        created_at: instant("2024-10-28T08:09:47.889Z"),
        updated_at: instant("2024-10-28T08:09:47.889Z"),
        deleted_at: None,
    }
}

/// The device of the document's create-real-user example.
pub fn device(real_user_id: Option<i64>) -> Device {
    Device {
        id: DeviceId(1),
        serial_code: SerialCode::parse("SL20401000").unwrap(),
        mac_id: MacId::parse("41AD").unwrap(),
        unique_id: DeviceUniqueId::parse("unique").unwrap(),
        alias: Some("string".into()),
        now_firmware_id: Some(1),
        last_log_file_id: Some(0),
        real_user_id: real_user_id.map(ChildId),
        created_at: Utc
            .with_ymd_and_hms(2024, 10, 1, 0, 0, 0)
            .single()
            .unwrap_or_default(),
    }
}

/// An authenticated request with a JSON body.
pub fn json(method: Method, uri: &str, body: Value) -> TestRequest {
    with_token(request(method, uri)).set_json(body)
}

/// An authenticated request with this raw body, sent as `application/json`.
pub fn raw_json(method: Method, uri: &str, body: &str) -> TestRequest {
    with_token(request(method, uri))
        .insert_header(("Content-Type", "application/json"))
        .set_payload(body.to_owned())
}

/// An authenticated request without a body.
pub fn authed(method: Method, uri: &str) -> TestRequest {
    with_token(request(method, uri))
}
