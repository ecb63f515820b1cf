//! The mocks behind `VerificationService` in its unit tests (email and phone codes alike):
//! codes are all zeros, digests read `digest(<secret>)`, the clock stands at `t0`.

use std::sync::Arc;

use super::mock_check::{ExpectedCheck, expect_check};
use super::{
    AttemptOutcome, CodeEffect, CodePurpose, MockVerificationCodeRepository, VerificationPorts,
    VerificationService, VerificationSettings,
};
use crate::accounts::AccountId;
use crate::accounts::MockAccountRepository;
use crate::secrets::{MockSecretDigester, MockSecretGenerator};
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{clock_at, t0};
use crate::throttle::{InMemoryThrottle, ThrottleKey};

/// The counter of code checks from 10.0.0.9, the client that presents every code.
pub const CHECKS_FROM_IP: &str = "code-check:ip:10.0.0.9";

/// The key of [`CHECKS_FROM_IP`].
pub fn checks_from_ip() -> ThrottleKey {
    ThrottleKey::per_ip("code-check:ip", "10.0.0.9")
}

/// What [`CHECKS_FROM_IP`] holds: `Some(0)` once a check was reserved and given back.
pub fn checks_counted(throttle: &InMemoryThrottle) -> Option<u32> {
    throttle.state(CHECKS_FROM_IP).map(|state| state.count)
}

pub struct Fixture {
    pub accounts: MockAccountRepository,
    pub codes: MockVerificationCodeRepository,
    /// Counters in memory, empty at first (nothing throttled); keep a clone to look at them
    /// after the call.
    pub throttle: Arc<InMemoryThrottle>,
    /// The transaction in which a presented code is checked.
    pub tx: MockStoreTransaction,
}

impl Fixture {
    pub fn new() -> Self {
        Self {
            accounts: MockAccountRepository::new(),
            codes: MockVerificationCodeRepository::new(),
            throttle: Arc::new(InMemoryThrottle::new()),
            tx: MockStoreTransaction::new(),
        }
    }

    pub fn service(self) -> VerificationService {
        let mut secrets = MockSecretGenerator::new();
        secrets
            .expect_numeric_code()
            .returning(|digits| "0".repeat(digits as usize));
        let mut digester = MockSecretDigester::new();
        digester
            .expect_digest()
            .returning(|s| format!("digest({s})"));
        let ports = VerificationPorts {
            accounts: Arc::new(self.accounts),
            codes: Arc::new(self.codes),
            throttle: self.throttle,
            secrets: Arc::new(secrets),
            digester: Arc::new(digester),
            unit_of_work: Arc::new(MockedUnitOfWork::new(self.tx)),
            clock: Arc::new(clock_at(t0())),
        };
        VerificationService::new(ports, VerificationSettings::default())
    }

    /// Presenting `123456` from 10.0.0.9 for (`purpose`, `target`) finds a current code of
    /// account 4 that leads to `outcome`; the right code's `effect` is expected to be applied.
    /// The attempt is reserved against the IP before, and given back unless the code was wrong:
    /// see [`CHECKS_FROM_IP`] afterwards.
    pub fn presenting(
        &mut self,
        purpose: CodePurpose,
        target: &'static str,
        effect: CodeEffect,
        outcome: AttemptOutcome,
    ) {
        let check = ExpectedCheck {
            purpose,
            target: target.into(),
            presented_digest: "digest(123456)".into(),
            account: AccountId(4),
            effect,
            now: t0(),
        };
        expect_check(&mut self.tx, check, outcome);
    }
}
