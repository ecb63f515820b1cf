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
use crate::throttle::{InMemoryThrottle, ThrottleKey};
use crate::verification::MockVerificationCodeRepository;

pub const TOKEN: &str = "0A1B2C3D4E";

pub struct Fixture {
    pub accounts: MockAccountRepository,
    pub codes: MockVerificationCodeRepository,
    /// Counters in memory, empty at first (nothing is throttled); keep a clone to look at
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
            throttle: Arc::new(InMemoryThrottle::new()),
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
            throttle: self.throttle,
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

/// The client's budget of wrong reset tokens, against which every presented token is reserved.
pub const RESETS_FROM_IP: &str = "reset:ip:10.0.0.9";

/// The key of [`RESETS_FROM_IP`].
pub fn resets_from_ip() -> ThrottleKey {
    ThrottleKey::per_ip("reset:ip", "10.0.0.9")
}

/// What [`RESETS_FROM_IP`] holds: `Some(0)` once an attempt was reserved and given back.
pub fn resets_counted(throttle: &InMemoryThrottle) -> Option<u32> {
    throttle.state(RESETS_FROM_IP).map(|state| state.count)
}
