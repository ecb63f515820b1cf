use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::settings::EmailCodeSettings;
use crate::UnexpectedError;
use crate::accounts::AccountRepository;
use crate::auth::{ClientInfo, PasswordHasher};
use crate::clock::Clock;
use crate::identities::LinkedIdentityRepository;
use crate::recovery::typed_token;
use crate::secrets::{SecretDigester, SecretGenerator};
use crate::store::UnitOfWork;
use crate::throttle::{Budget, ThrottleRepository, refund, reserve};
use crate::verification::VerificationCodeRepository;

/// The ports emailed account codes need.
#[derive(Clone)]
pub struct EmailCodePorts {
    pub accounts: Arc<dyn AccountRepository>,
    /// Codes are kept as verification codes of purpose `account_access`.
    pub codes: Arc<dyn VerificationCodeRepository>,
    /// Which outside identities an account proved through the sign-in flow.
    pub identities: Arc<dyn LinkedIdentityRepository>,
    pub throttle: Arc<dyn ThrottleRepository>,
    pub hasher: Arc<dyn PasswordHasher>,
    pub secrets: Arc<dyn SecretGenerator>,
    pub digester: Arc<dyn SecretDigester>,
    pub unit_of_work: Arc<dyn UnitOfWork>,
    pub clock: Arc<dyn Clock>,
}

/// Sending account codes by email, and what a code then allows (sign-up, finding the
/// account, deletion, a security change). The use cases live in the sibling modules.
pub struct EmailCodeService {
    pub(super) ports: EmailCodePorts,
    pub(super) settings: EmailCodeSettings,
}

impl EmailCodeService {
    pub fn new(ports: EmailCodePorts, settings: EmailCodeSettings) -> Self {
        Self { ports, settings }
    }

    pub fn settings(&self) -> &EmailCodeSettings {
        &self.settings
    }

    /// The digest a code as typed is stored under (spaces, dashes and look-alike letters
    /// forgiven, as with reset tokens).
    pub(super) fn digest_of(&self, code: &str) -> String {
        self.ports.digester.digest(&typed_token(code))
    }

    /// The client's budget of wrong codes.
    pub(super) fn check_budget(&self, client: &ClientInfo) -> Option<Budget> {
        Budget::per_ip(
            "account-code:ip",
            client.ip.as_deref(),
            self.settings.checks_per_ip,
        )
    }

    /// Counts a presentation against the client before anything is looked at: `Some` (when
    /// the client may try again) once its budget is spent.
    pub(super) async fn reserve_check(
        &self,
        budget: &Option<Budget>,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
        reserve(&*self.ports.throttle, budget.as_slice(), now).await
    }

    /// Gives a presentation back unless its code was a guess (wrong, or no such code).
    pub(super) async fn settle_check(
        &self,
        budget: &Option<Budget>,
        guessed: bool,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        if guessed {
            return Ok(());
        }
        refund(&*self.ports.throttle, budget.as_slice(), now).await
    }
}
