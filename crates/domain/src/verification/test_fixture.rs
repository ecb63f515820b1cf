//! The mocks behind `VerificationService` in its unit tests (email and phone codes alike):
//! codes are all zeros, digests read `digest(<secret>)`, the clock stands at `t0`.

use std::sync::Arc;

use chrono::Duration;

use super::{
    AttemptOutcome, CodeEffect, CodeId, CodePurpose, CurrentCode, MockVerificationCodeRepository,
    StoredCode, VerificationPorts, VerificationService, VerificationSettings,
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
        let mut current = CurrentCode {
            expires_at: t0() + Duration::minutes(10),
            attempts_left: 5,
            code_digest: "digest(123456)".into(),
        };
        match &outcome {
            AttemptOutcome::Mismatch { attempts_left } => {
                current.code_digest = "digest(654321)".into();
                current.attempts_left = attempts_left + 1;
                self.tx
                    .expect_use_code_attempt()
                    .times(1)
                    .returning(|_| Ok(()));
            }
            AttemptOutcome::Exhausted => current.attempts_left = 0,
            AttemptOutcome::Expired => current.expires_at = t0(),
            AttemptOutcome::Accepted { .. } => {
                self.expect_effect(effect, true);
                self.tx
                    .expect_consume_code()
                    .times(1)
                    .returning(|_, _| Ok(()));
            }
            AttemptOutcome::PhoneTaken => self.expect_effect(effect, false),
            AttemptOutcome::NotFound => {}
        }
        let found = (outcome != AttemptOutcome::NotFound).then_some(StoredCode {
            id: CodeId(1),
            account_id: Some(AccountId(4)),
            current,
        });
        self.tx
            .expect_lock_current_code()
            .withf(move |p, t| *p == purpose && t == target)
            .times(1)
            .return_once(move |_, _| Ok(found));
    }

    fn expect_effect(&mut self, effect: CodeEffect, applies: bool) {
        match effect {
            CodeEffect::None => {}
            CodeEffect::VerifyEmail => {
                self.tx
                    .expect_mark_email_verified()
                    .withf(|account, at| *account == AccountId(4) && *at == t0())
                    .times(1)
                    .returning(|_, _| Ok(()));
            }
            CodeEffect::ChangePhone(phone) => {
                let elsewhere = phone.clone();
                self.tx
                    .expect_phone_checked_elsewhere()
                    .withf(move |account, p| *account == AccountId(4) && *p == elsewhere)
                    .returning(move |_, _| Ok(!applies));
                self.tx
                    .expect_set_checked_phone()
                    .withf(move |account, p, at| {
                        *account == AccountId(4) && *p == phone && *at == t0()
                    })
                    .times(usize::from(applies))
                    .returning(|_, _, _| Ok(true));
            }
        }
    }
}
