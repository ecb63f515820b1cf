//! The mocks behind `VerificationService` in its unit tests (email and phone codes alike):
//! codes are all zeros, digests read `digest(<secret>)`, the clock stands at `t0`.

use std::sync::Arc;

use super::{MockVerificationCodeRepository, VerificationService, VerificationSettings};
use crate::accounts::MockAccountRepository;
use crate::secrets::{MockSecretDigester, MockSecretGenerator};
use crate::testing::{clock_at, t0};
use crate::throttle::MockThrottleRepository;

pub struct Fixture {
    pub accounts: MockAccountRepository,
    pub codes: MockVerificationCodeRepository,
    pub throttle: MockThrottleRepository,
}

impl Fixture {
    pub fn new() -> Self {
        Self {
            accounts: MockAccountRepository::new(),
            codes: MockVerificationCodeRepository::new(),
            throttle: MockThrottleRepository::new(),
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
        VerificationService::new(
            Arc::new(self.accounts),
            Arc::new(self.codes),
            Arc::new(self.throttle),
            Arc::new(secrets),
            Arc::new(digester),
            Arc::new(clock_at(t0())),
            VerificationSettings::default(),
        )
    }
}
