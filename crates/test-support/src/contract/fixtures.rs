//! Values the contract tests build on. Times are whole seconds from a fixed instant, so both
//! backends read back exactly what was written.

use account_domain::UnexpectedError;
use std::sync::atomic::{AtomicU64, Ordering};

use account_domain::accounts::{
    Account, AccountId, NewAccount, PublicAccountId, RegisterType, withdrawal,
};
use account_domain::auth::{
    ClientInfo, NewRefreshToken, NewSession, RotateOutcome, Session, SessionEnding, SessionId,
    end_sessions, rotate_refresh_token,
};
use account_domain::delivery::{Locale, MessageParams, TemplateId};
use account_domain::outbox::{OutgoingMessage, QueuedMessage};
use account_domain::store::{Repositories, transact};
use account_domain::values::{Email, LoginId, Phone, Roles};
use account_domain::verification::{CodePurpose, NewVerificationCode};
use chrono::{DateTime, Duration, TimeZone, Utc};

/// The instant every test starts from.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .single()
        .expect("a valid instant")
}

pub fn secs(n: i64) -> Duration {
    Duration::seconds(n)
}

pub fn email(raw: &str) -> Email {
    Email::parse(raw).expect("a valid email")
}

pub fn login_id(raw: &str) -> LoginId {
    LoginId::parse(raw).expect("a valid login id")
}

pub fn phone(raw: &str) -> Phone {
    Phone::parse(raw).expect("a valid phone")
}

/// A public id no other account of this process has.
pub fn fresh_public_id() -> PublicAccountId {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    PublicAccountId::parse(&format!("{n:064x}")).expect("64 hex characters")
}

/// An email registration with only the required fields.
pub fn new_account(email_address: &str, login: Option<&str>) -> NewAccount {
    NewAccount {
        public_id: fresh_public_id(),
        email: email(email_address),
        login_id: login.map(login_id),
        nickname: None,
        password_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g".into()),
        name: None,
        first_name: None,
        last_name: None,
        birthdate: None,
        gender: None,
        phone: None,
        introduce: None,
        register_type: RegisterType::Email,
        roles: Roles::user(),
        now: t0(),
    }
}

/// A registered account.
pub async fn registered(repos: &Repositories, email_address: &str) -> Account {
    repos
        .accounts
        .create(&new_account(email_address, None))
        .await
        .expect("registration succeeds")
}

pub fn new_session(account: AccountId, created_at: DateTime<Utc>) -> NewSession {
    NewSession {
        account_id: account,
        client: ClientInfo {
            ip: Some("203.0.113.7".into()),
            user_agent: Some("contract-test/1".into()),
        },
        created_at,
        expires_at: created_at + Duration::days(90),
    }
}

pub fn refresh_token(digest: &str, expires_at: DateTime<Utc>) -> NewRefreshToken {
    NewRefreshToken {
        token_digest: digest.into(),
        expires_at,
    }
}

/// A session of a new account, with refresh token `digest` valid for a day.
pub async fn logged_in(repos: &Repositories, email_address: &str, digest: &str) -> Session {
    let account = registered(repos, email_address).await;
    repos
        .sessions
        .create(
            &new_session(account.id, t0()),
            &refresh_token(digest, t0() + Duration::days(1)),
        )
        .await
        .expect("session creation succeeds")
}

/// The code email a request for an address without an unverified account queues: written,
/// never sent.
pub fn suppressed_code_email(target: &str) -> QueuedMessage {
    QueuedMessage::suppressed(OutgoingMessage::email(
        target,
        TemplateId::VerificationCode,
        Locale::Ko,
        MessageParams::new()
            .secret("code", "000000")
            .plain("minutes", "10"),
    ))
}

/// A code issued at `created_at`, valid for ten minutes, five attempts.
pub fn new_code(
    purpose: CodePurpose,
    target: &str,
    account: Option<AccountId>,
    digest: &str,
    created_at: DateTime<Utc>,
) -> NewVerificationCode {
    NewVerificationCode {
        purpose,
        target: target.into(),
        account_id: account,
        code_digest: digest.into(),
        created_at,
        expires_at: created_at + Duration::minutes(10),
        attempts: 5,
    }
}

/// Withdraws the account as the domain does (`accounts::withdrawal`, in one unit of work of
/// the store); false when it was not live.
pub async fn withdrawn(repos: &Repositories, account: AccountId, at: DateTime<Utc>) -> bool {
    transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(withdrawal(tx, account, at))
    })
    .await
    .expect("withdrawal")
}

/// Presents a refresh token as the domain does (`auth::rotate_refresh_token`, in one unit of
/// work).
pub async fn rotated(
    repos: &Repositories,
    presented: &str,
    successor: &NewRefreshToken,
    at: DateTime<Utc>,
    grace: Duration,
) -> Result<RotateOutcome, UnexpectedError> {
    let (presented, successor) = (presented.to_owned(), successor.clone());
    transact(&*repos.unit_of_work, move |tx| {
        Box::pin(async move { rotate_refresh_token(tx, &presented, &successor, at, grace).await })
    })
    .await
}

/// Ends one session of the account as the domain does (`auth::end_sessions`, in one unit of
/// work); true when it was active.
pub async fn revoke_session(
    repos: &Repositories,
    account: AccountId,
    session: SessionId,
    at: DateTime<Utc>,
) -> bool {
    ended(repos, account, SessionEnding::One(session), at).await > 0
}

/// Ends every session of the account but `keep` as the domain does; returns how many were
/// active.
pub async fn revoke_all_sessions(
    repos: &Repositories,
    account: AccountId,
    keep: Option<SessionId>,
    at: DateTime<Utc>,
) -> u64 {
    ended(repos, account, SessionEnding::AllBut(keep), at).await
}

async fn ended(
    repos: &Repositories,
    account: AccountId,
    ending: SessionEnding,
    at: DateTime<Utc>,
) -> u64 {
    transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(end_sessions(tx, account, ending, at))
    })
    .await
    .expect("ending sessions")
}
