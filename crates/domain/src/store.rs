//! The set of repositories a store adapter provides, so the binary wires one store in one place.

use std::sync::Arc;

use async_trait::async_trait;

use crate::UnexpectedError;
use crate::accounts::{AccountProfileRepository, AccountRepository};
use crate::auth::SessionRepository;
use crate::children::ChildRepository;
use crate::devices::DeviceRepository;
use crate::notifications::NotificationSettingsRepository;
use crate::outbox::OutboxRepository;
use crate::policies::PolicyRepository;
use crate::push::PushTokenRepository;
use crate::throttle::ThrottleRepository;
use crate::verification::VerificationCodeRepository;

/// Answers whether the store can serve requests (for `/health/ready`).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait StoreHealth: Send + Sync {
    async fn ping(&self) -> Result<(), UnexpectedError>;
}

#[derive(Clone)]
pub struct Repositories {
    pub accounts: Arc<dyn AccountRepository>,
    pub sessions: Arc<dyn SessionRepository>,
    pub throttle: Arc<dyn ThrottleRepository>,
    pub codes: Arc<dyn VerificationCodeRepository>,
    pub outbox: Arc<dyn OutboxRepository>,
    pub health: Arc<dyn StoreHealth>,
}

/// The repositories of the Lux stage (own profile, child users, devices, consents,
/// notifications, push tokens), from the same store as [`Repositories`].
///
/// Kept apart from [`Repositories`] only so that the stores that build that struct today keep
/// compiling; the two may be merged once every store provides both.
#[derive(Clone)]
pub struct LuxRepositories {
    pub profiles: Arc<dyn AccountProfileRepository>,
    pub children: Arc<dyn ChildRepository>,
    pub devices: Arc<dyn DeviceRepository>,
    pub policies: Arc<dyn PolicyRepository>,
    pub notifications: Arc<dyn NotificationSettingsRepository>,
    pub push_tokens: Arc<dyn PushTokenRepository>,
}
