use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{Account, AccountId};
use crate::UnexpectedError;
use crate::values::Roles;

/// Changes what an account may do.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait AccountRoleRepository: Send + Sync {
    /// Replaces the roles of the live (not deleted) account with this id, sets
    /// `updated_at = now`, and returns the account as updated; `None`, writing nothing, when no
    /// live account has this id. Access tokens carry roles, but every request re-reads them
    /// from the account, so the change applies at once.
    async fn set_roles(
        &self,
        id: AccountId,
        roles: &Roles,
        now: DateTime<Utc>,
    ) -> Result<Option<Account>, UnexpectedError>;
}
