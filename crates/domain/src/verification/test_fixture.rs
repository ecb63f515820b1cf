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
use crate::throttle::MockThrottleRepository;

pub struct Fixture {
    pub accounts: MockAccountRepository,
    pub codes: MockVerificationCodeRepository,
    pub throttle: MockThrottleRepository,
    /// The transaction in which a presented code is checked.
    pub tx: MockStoreTransaction,
}

impl Fixture {
    pub fn new() -> Self {
        Self {
            accounts: MockAccountRepository::new(),
            codes: MockVerificationCodeRepository::new(),
            throttle: MockThrottleRepository::new(),
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
            throttle: Arc::new(self.throttle),
            secrets: Arc::new(secrets),
            digester: Arc::new(digester),
            unit_of_work: Arc::new(MockedUnitOfWork::new(self.tx)),
            clock: Arc::new(clock_at(t0())),
        };
        VerificationService::new(ports, VerificationSettings::default())
    }

    /// Presenting `123456` for (`purpose`, `target`) finds a current code of account 4 that
    /// leads to `outcome`; the right code's `effect` is expected to be applied.
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
