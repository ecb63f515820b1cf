use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{ExternalIdentity, LinkedIdentity};
use crate::UnexpectedError;
use crate::accounts::{Account, AccountId, NewAccount};

#[derive(Debug, thiserror::Error)]
pub enum LinkIdentityError {
    /// The identity is linked to another account already.
    #[error("identity is linked to another account")]
    IdentityTaken,
    /// No live account has this id.
    #[error("account does not exist or is deleted")]
    AccountNotFound,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

#[derive(Debug, thiserror::Error)]
pub enum CreateLinkedAccountError {
    /// A live account holds the email.
    #[error("email already exists")]
    EmailTaken,
    /// The identity is linked to an account already (a concurrent sign-up won).
    #[error("identity is linked to another account")]
    IdentityTaken,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Stores which account each outside identity signs in to. An identity is linked to at most
/// one account; an account may hold identities of several providers.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait LinkedIdentityRepository: Send + Sync {
    /// The account the identity is linked to, deleted or not; `None` if it is not linked.
    async fn find_account(
        &self,
        identity: &ExternalIdentity,
    ) -> Result<Option<AccountId>, UnexpectedError>;

    /// Links the identity to the live account `account` (at `now`); when `email_verified`,
    /// also marks the account's email verified (the provider proved it), in the same
    /// transaction. Linking an identity to the account it is linked to already changes
    /// nothing and succeeds. MUST return `IdentityTaken` when it is linked to another account
    /// (also when two links race: one wins), `AccountNotFound` when no live account has the id.
    async fn link(
        &self,
        identity: &ExternalIdentity,
        account: AccountId,
        email_verified: bool,
        now: DateTime<Utc>,
    ) -> Result<(), LinkIdentityError>;

    /// Creates the account (as [`AccountRepository::create`](crate::accounts::AccountRepository::create)
    /// does, with `email_verified` as given) and links the identity to it, both or neither.
    /// MUST return `EmailTaken` when a live account holds the email and `IdentityTaken` when
    /// the identity is linked already, also when two sign-ups race.
    async fn create_account_with_identity(
        &self,
        account: &NewAccount,
        email_verified: bool,
        identity: &ExternalIdentity,
    ) -> Result<Account, CreateLinkedAccountError>;

    /// The identities linked to the account, oldest first.
    async fn list_for_account(
        &self,
        account: AccountId,
    ) -> Result<Vec<LinkedIdentity>, UnexpectedError>;
}
