use std::sync::Arc;

use super::settings::ResetSettings;
use crate::accounts::AccountRepository;
use crate::auth::{ClientInfo, PasswordHasher};
use crate::clock::Clock;
use crate::secrets::{SecretDigester, SecretGenerator};
use crate::store::UnitOfWork;
use crate::throttle::{Budget, ThrottleRepository};
use crate::verification::VerificationCodeRepository;

/// The ports password resets need.
#[derive(Clone)]
pub struct ResetPorts {
    pub accounts: Arc<dyn AccountRepository>,
    /// Tokens are kept as codes of purpose `password_reset`.
    pub codes: Arc<dyn VerificationCodeRepository>,
    pub throttle: Arc<dyn ThrottleRepository>,
    pub hasher: Arc<dyn PasswordHasher>,
    pub secrets: Arc<dyn SecretGenerator>,
    pub digester: Arc<dyn SecretDigester>,
    pub unit_of_work: Arc<dyn UnitOfWork>,
    pub clock: Arc<dyn Clock>,
}

/// Requests for a reset email, and resets with the emailed token. The use cases live in the
/// sibling modules, one per file.
pub struct PasswordResetService {
    pub(super) ports: ResetPorts,
    pub(super) settings: ResetSettings,
}

impl PasswordResetService {
    pub fn new(ports: ResetPorts, settings: ResetSettings) -> Self {
        Self { ports, settings }
    }

    pub fn settings(&self) -> &ResetSettings {
        &self.settings
    }

    /// The client's budget for presenting tokens, resets and link checks alike.
    pub(super) fn token_budget(&self, client: &ClientInfo) -> Option<Budget> {
        Budget::per_ip(
            "reset:ip",
            client.ip.as_deref(),
            self.settings.resets_per_ip,
        )
    }
}
