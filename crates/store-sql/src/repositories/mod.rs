//! The repositories: one adapter per port, each a plain struct over a [`Database`], written
//! once for both backends (the statements that differ go through [`db_run!`](crate::db_run)).

use std::sync::Arc;

use account_domain::secrets::SecretSealer;
use account_domain::store::Repositories;

use crate::Database;

mod accounts;
mod audit;
mod browser_sessions;
mod children;
mod devices;
mod directory;
mod health;
mod identities;
mod moderation;
mod notifications;
mod outbox;
mod pending_sign_ins;
mod players;
mod policies;
mod profile_image_keys;
mod profiles;
mod push_tokens;
mod roles;
mod session_end;
mod session_tokens;
mod sessions;
mod throttle;
mod unit_of_work;
mod verification;

pub use accounts::SqlAccountRepository;
pub use audit::SqlAuditLog;
pub use browser_sessions::SqlBrowserSessionRepository;
pub use children::SqlChildRepository;
pub use devices::SqlDeviceRepository;
pub use directory::SqlAccountDirectory;
pub use health::SqlStoreHealth;
pub use identities::SqlLinkedIdentityRepository;
pub use notifications::SqlNotificationSettingsRepository;
pub use outbox::SqlOutboxRepository;
pub use pending_sign_ins::SqlPendingAuthorizationRepository;
pub use players::SqlPlayerRepository;
pub use policies::SqlPolicyRepository;
pub use push_tokens::SqlPushTokenRepository;
pub use sessions::SqlSessionRepository;
pub use throttle::SqlThrottleRepository;
pub use unit_of_work::{SqlTransaction, SqlUnitOfWork};
pub use verification::SqlVerificationCodeRepository;

impl Database {
    /// Every repository of this store, to wire into the application; the secret parameters of
    /// outbox messages are sealed with `sealer`.
    pub fn repositories(&self, sealer: Arc<dyn SecretSealer>) -> Repositories {
        let accounts = Arc::new(SqlAccountRepository::new(self.clone()));
        let sessions = Arc::new(SqlSessionRepository::new(self.clone()));
        Repositories {
            accounts: accounts.clone(),
            profiles: accounts.clone(),
            profile_image_keys: accounts.clone(),
            roles: accounts,
            sessions: sessions.clone(),
            session_tokens: sessions,
            throttle: Arc::new(SqlThrottleRepository::new(self.clone())),
            codes: Arc::new(SqlVerificationCodeRepository::new(
                self.clone(),
                sealer.clone(),
            )),
            outbox: Arc::new(SqlOutboxRepository::new(self.clone(), sealer.clone())),
            health: Arc::new(SqlStoreHealth::new(self.clone())),
            children: Arc::new(SqlChildRepository::new(self.clone())),
            devices: Arc::new(SqlDeviceRepository::new(self.clone())),
            policies: Arc::new(SqlPolicyRepository::new(self.clone())),
            notifications: Arc::new(SqlNotificationSettingsRepository::new(self.clone())),
            push_tokens: Arc::new(SqlPushTokenRepository::new(self.clone())),
            identities: Arc::new(SqlLinkedIdentityRepository::new(self.clone())),
            pending_sign_ins: Arc::new(SqlPendingAuthorizationRepository::new(self.clone())),
            browser_sessions: Arc::new(SqlBrowserSessionRepository::new(self.clone())),
            players: Arc::new(SqlPlayerRepository::new(self.clone())),
            unit_of_work: Arc::new(SqlUnitOfWork::new(self.clone(), sealer)),
            directory: Arc::new(SqlAccountDirectory::new(self.clone())),
            audit: Arc::new(SqlAuditLog::new(self.clone())),
        }
    }
}
