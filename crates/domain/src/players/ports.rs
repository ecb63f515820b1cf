use async_trait::async_trait;

use super::model::PlayerProfile;
use crate::UnexpectedError;
use crate::accounts::AccountId;

#[derive(Debug, thiserror::Error)]
pub enum CreatePlayerError {
    /// Another player holds the nickname (compared case-insensitively).
    #[error("game nickname already taken")]
    NicknameTaken,
    /// The account has a player already.
    #[error("the account has a player already")]
    AlreadyRegistered,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Stores game player profiles, at most one per account, in tables of their own.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PlayerRepository: Send + Sync {
    /// Stores the player with its weapons in one transaction and returns it as stored.
    /// MUST return `AlreadyRegistered` when the account has a player, else `NicknameTaken`
    /// when another player holds the nickname case-insensitively, also when two registrations
    /// race (exactly one wins); nothing is written then.
    async fn create(&self, player: &PlayerProfile) -> Result<PlayerProfile, CreatePlayerError>;

    /// The account's player with its weapons in the order stored; `None` when it has none.
    async fn find(&self, account: AccountId) -> Result<Option<PlayerProfile>, UnexpectedError>;
}
