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

    /// Presenting `123456` from 10.0.0.9 for (`purpose`, `target`) finds a current code of
    /// account 4 that leads to `outcome`; the right code's `effect` is expected to be applied.
    /// The attempt is reserved against the IP before, and given back unless the code was wrong.
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
        let code_was_wrong = matches!(
            outcome,
            AttemptOutcome::Mismatch { .. } | AttemptOutcome::NotFound
        );
        expect_check(&mut self.tx, check, outcome);
        self.throttle
            .expect_hit()
            .withf(|key, rule, _| key.as_str() == "code-check:ip:10.0.0.9" && rule.limit == 31)
            .times(1)
            .returning(|_, _, _| Ok(None));
        self.throttle
            .expect_refund()
            .withf(|key, _, _| key.as_str() == "code-check:ip:10.0.0.9")
            .times(if code_was_wrong { 0 } else { 1 })
            .returning(|_, _, _| Ok(()));
    }
}
