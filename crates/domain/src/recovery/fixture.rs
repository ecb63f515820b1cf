//! The mocks behind `PasswordResetService` in its unit tests: tokens are `0A1B2C3D4E`,
//! digests read `digest(<secret>)`, hashes `hash(<password>)`, the clock stands at `t0`.

use std::sync::Arc;

use super::{PasswordResetService, ResetPorts, ResetSettings};
use crate::accounts::MockAccountRepository;
use crate::auth::ClientInfo;
use crate::auth::MockPasswordHasher;
use crate::secrets::{MockSecretDigester, MockSecretGenerator};
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{clock_at, t0};
use crate::throttle::MockThrottleRepository;
use crate::verification::MockVerificationCodeRepository;

pub const TOKEN: &str = "0A1B2C3D4E";

pub struct Fixture {
    pub accounts: MockAccountRepository,
    pub codes: MockVerificationCodeRepository,
    pub throttle: MockThrottleRepository,
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
            throttle: MockThrottleRepository::new(),
            hasher,
            tx: MockStoreTransaction::new(),
        }
    }

    pub fn service(self) -> PasswordResetService {
        let mut secrets = MockSecretGenerator::new();
        secrets
            .expect_text_code()
            .withf(|chars| *chars == 10)
            .returning(|_| TOKEN.into());
        let mut digester = MockSecretDigester::new();
        digester
            .expect_digest()
            .returning(|s| format!("digest({s})"));
        let ports = ResetPorts {
            accounts: Arc::new(self.accounts),
            codes: Arc::new(self.codes),
            throttle: Arc::new(self.throttle),
            hasher: Arc::new(self.hasher),
            secrets: Arc::new(secrets),
            digester: Arc::new(digester),
            unit_of_work: Arc::new(MockedUnitOfWork::new(self.tx)),
            clock: Arc::new(clock_at(t0())),
        };
        let settings = ResetSettings {
            link_base: "https://app.example/reset".into(),
            ..ResetSettings::default()
        };
        PasswordResetService::new(ports, settings)
    }
}

/// The client the tests' requests come from.
pub fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("10.0.0.9".into()),
        user_agent: None,
    }
}

/// One attempt is reserved against the client's IP in the resets' budget; given back
/// `refunds` times.
pub fn reserving(fixture: &mut Fixture, refunds: usize) {
    fixture
        .throttle
        .expect_blocked_until()
        .returning(|_, _| Ok(None));
    fixture
        .throttle
        .expect_hit()
        .withf(|key, rule, _| key.as_str() == "reset:ip:10.0.0.9" && rule.limit == 31)
        .times(1)
        .returning(|_, _, _| Ok(None));
    fixture
        .throttle
        .expect_refund()
        .times(refunds)
        .returning(|_, _, _| Ok(()));
}
