//! The set of repositories a store adapter provides, so the binary wires one store in one place.

mod unit_of_work;

use std::sync::Arc;

use async_trait::async_trait;

use crate::UnexpectedError;
use crate::accounts::{AccountProfileRepository, AccountRepository, AccountRoleRepository};
use crate::admin::AccountDirectory;
use crate::audit::AuditLog;
use crate::auth::{SessionRepository, SessionTokenRepository};
use crate::children::ChildRepository;
use crate::devices::DeviceRepository;
use crate::identities::LinkedIdentityRepository;
use crate::notifications::NotificationSettingsRepository;
use crate::outbox::OutboxRepository;
use crate::players::PlayerRepository;
use crate::policies::PolicyRepository;
use crate::profile_images::ProfileImageKeyRepository;
use crate::push::PushTokenRepository;
use crate::sign_in::{BrowserSessionRepository, PendingAuthorizationRepository};
use crate::throttle::ThrottleRepository;
use crate::verification::VerificationCodeRepository;

#[cfg(any(test, feature = "mock"))]
pub use unit_of_work::{MockStoreTransaction, MockUnitOfWork, MockedUnitOfWork};
pub use unit_of_work::{
    StoreTransaction, TransactionFuture, TransactionWork, UnitOfWork, transact,
};

/// Answers whether the store can serve requests (for `/health/ready`).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait StoreHealth: Send + Sync {
    async fn ping(&self) -> Result<(), UnexpectedError>;

    /// How the store's connections are used right now (for `/metrics`).
    fn connections(&self) -> ConnectionUse;
}

/// The connections of a store's pools (all of them: SQLite has a writer and readers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConnectionUse {
    /// Connections open now.
    pub open: usize,
    /// Of those, lent to a request.
    pub in_use: usize,
    /// Requests waiting for a connection.
    pub waiting: usize,
}

impl std::iter::Sum for ConnectionUse {
    fn sum<I: Iterator<Item = Self>>(pools: I) -> Self {
        pools.fold(Self::default(), |all, pool| Self {
            open: all.open + pool.open,
            in_use: all.in_use + pool.in_use,
            waiting: all.waiting + pool.waiting,
        })
    }
}

/// Every port a store adapter provides, so the binary wires one store in one place.
#[derive(Clone)]
pub struct Repositories {
    pub accounts: Arc<dyn AccountRepository>,
    pub profiles: Arc<dyn AccountProfileRepository>,
    pub profile_image_keys: Arc<dyn ProfileImageKeyRepository>,
    pub roles: Arc<dyn AccountRoleRepository>,
    pub sessions: Arc<dyn SessionRepository>,
    /// Header-token sessions (the same rows as `sessions`).
    pub session_tokens: Arc<dyn SessionTokenRepository>,
    pub throttle: Arc<dyn ThrottleRepository>,
    pub codes: Arc<dyn VerificationCodeRepository>,
    pub outbox: Arc<dyn OutboxRepository>,
    pub health: Arc<dyn StoreHealth>,
    pub children: Arc<dyn ChildRepository>,
    pub devices: Arc<dyn DeviceRepository>,
    pub policies: Arc<dyn PolicyRepository>,
    pub notifications: Arc<dyn NotificationSettingsRepository>,
    pub push_tokens: Arc<dyn PushTokenRepository>,
    pub identities: Arc<dyn LinkedIdentityRepository>,
    pub pending_sign_ins: Arc<dyn PendingAuthorizationRepository>,
    pub browser_sessions: Arc<dyn BrowserSessionRepository>,
    /// Game player profiles (SG-Finder).
    pub players: Arc<dyn PlayerRepository>,
    pub unit_of_work: Arc<dyn UnitOfWork>,
    /// Account search and the accounts awaiting anonymisation, for the administration.
    pub directory: Arc<dyn AccountDirectory>,
    /// The audit log, read (entries are appended through the unit of work).
    pub audit: Arc<dyn AuditLog>,
}
