//! The mocks behind `EmailCodeService` in its unit tests: codes are `0A1B2C3D4E`, digests read
//! `digest(<secret>)`, hashes `hash(<password>)`, the clock stands at `t0`, the client is
//! `10.0.0.9`.

use std::sync::Arc;

use chrono::Duration;

use super::{EmailCodePorts, EmailCodeService, EmailCodeSettings, SignUpDetails};
use crate::accounts::{AccountId, MockAccountRepository};
use crate::auth::{ClientInfo, MockPasswordHasher};
use crate::identities::MockLinkedIdentityRepository;
use crate::secrets::{MockSecretDigester, MockSecretGenerator};
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{PUBLIC_ID, clock_at, t0};
use crate::throttle::{InMemoryThrottle, ThrottleKey};
use crate::values::{Nickname, Password, PersonName, Phone};
use crate::verification::{
    AddressedCode, CodeId, CodePurpose, CurrentCode, MockVerificationCodeRepository, StoredCode,
};

pub const CODE: &str = "0A1B2C3D4E";
pub const ADDRESS: &str = "owner@example.com";
/// The counter of codes presented from the client.
pub const CHECKS: &str = "account-code:ip:10.0.0.9";

/// The key of [`CHECKS`].
pub fn checks_key() -> ThrottleKey {
    ThrottleKey::per_ip("account-code:ip", "10.0.0.9")
}

/// What [`CHECKS`] holds: `Some(0)` once a presentation was reserved and given back.
pub fn checks_counted(throttle: &InMemoryThrottle) -> Option<u32> {
    throttle.state(CHECKS).map(|state| state.count)
}

pub struct Fixture {
    pub accounts: MockAccountRepository,
    pub codes: MockVerificationCodeRepository,
    pub identities: MockLinkedIdentityRepository,
    /// Counters in memory, empty at first (every budget has room); keep a clone to look at
    /// them after the call.
    pub throttle: Arc<InMemoryThrottle>,
    pub hasher: MockPasswordHasher,
    pub tx: MockStoreTransaction,
}

impl Fixture {
    pub fn new() -> Self {
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_hash()
            .returning(|p| Ok(format!("hash({})", p.expose())));
        Self {
            accounts: MockAccountRepository::new(),
            codes: MockVerificationCodeRepository::new(),
            identities: MockLinkedIdentityRepository::new(),
            throttle: Arc::new(InMemoryThrottle::new()),
            hasher,
            tx: MockStoreTransaction::new(),
        }
    }

    pub fn service(self) -> EmailCodeService {
        let mut secrets = MockSecretGenerator::new();
        secrets
            .expect_text_code()
            .withf(|chars| *chars == 10)
            .returning(|_| CODE.into());
        secrets
            .expect_random_hex()
            .withf(|bytes| *bytes == 32)
            .returning(|_| PUBLIC_ID.into());
        let mut digester = MockSecretDigester::new();
        digester
            .expect_digest()
            .returning(|s| format!("digest({s})"));
        let ports = EmailCodePorts {
            accounts: Arc::new(self.accounts),
            codes: Arc::new(self.codes),
            identities: Arc::new(self.identities),
            throttle: self.throttle,
            hasher: Arc::new(self.hasher),
            secrets: Arc::new(secrets),
            digester: Arc::new(digester),
            unit_of_work: Arc::new(MockedUnitOfWork::new(self.tx)),
            clock: Arc::new(clock_at(t0())),
        };
        EmailCodeService::new(ports, EmailCodeSettings::default())
    }
}

pub fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("10.0.0.9".into()),
        user_agent: None,
    }
}

pub fn right_digest() -> String {
    format!("digest({CODE})")
}

/// The current code of [`ADDRESS`], sent for `account`, with `attempts_left`, expiring in
/// 10 minutes.
pub fn stored(account: Option<i64>, attempts_left: u32) -> StoredCode {
    StoredCode {
        id: CodeId(3),
        account_id: account.map(AccountId),
        current: CurrentCode {
            expires_at: t0() + Duration::minutes(10),
            attempts_left,
            code_digest: right_digest(),
        },
    }
}

/// The transaction finds `code` (or nothing) under the presented digest.
pub fn found_by_digest(tx: &mut MockStoreTransaction, code: Option<StoredCode>) {
    tx.expect_lock_current_code_by_digest()
        .withf(|purpose, _| *purpose == CodePurpose::AccountAccess)
        .return_once(move |_, digest| {
            Ok(code
                .filter(|c| c.current.code_digest == digest)
                .map(|code| AddressedCode {
                    code,
                    target: ADDRESS.into(),
                }))
        });
}

pub fn details() -> SignUpDetails {
    SignUpDetails {
        password: Password::parse("a long enough passphrase").unwrap(),
        first_name: PersonName::parse("Mireu").unwrap(),
        last_name: PersonName::parse("Lim").unwrap(),
        nickname: Nickname::parse("mireu").unwrap(),
        phone: Phone::parse("+821012345678").unwrap(),
    }
}
