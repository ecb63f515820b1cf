use std::sync::Arc;

use super::model::Account;
use super::ports::AccountRepository;
use super::role_ports::AccountRoleRepository;
use crate::UnexpectedError;
use crate::auth::Principal;
use crate::clock::Clock;
use crate::values::{Email, Role, Roles};

#[derive(Debug, thiserror::Error)]
pub enum SetRolesError {
    #[error("account not found")]
    AccountNotFound,
    /// Only ADMIN changes roles.
    #[error("not allowed to change roles")]
    Forbidden,
    /// An account keeps USER: every account is a user first.
    #[error("roles must include USER")]
    MissingUserRole,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Grants and withdraws roles: by an ADMIN over HTTP, or by the operator at the console
/// (`account-service set-roles`), which is how the first ADMIN or SERVER account comes to be.
pub struct RoleService {
    accounts: Arc<dyn AccountRepository>,
    roles: Arc<dyn AccountRoleRepository>,
    clock: Arc<dyn Clock>,
}

impl RoleService {
    pub fn new(
        accounts: Arc<dyn AccountRepository>,
        roles: Arc<dyn AccountRoleRepository>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            accounts,
            roles,
            clock,
        }
    }

    /// Sets the roles of the account holding `email`, as ADMIN `actor`, or as the operator when
    /// `actor` is `None`.
    pub async fn set_roles(
        &self,
        actor: Option<&Principal>,
        email: &Email,
        roles: Roles,
    ) -> Result<Account, SetRolesError> {
        if actor.is_some_and(|p| !p.roles.contains(Role::Admin)) {
            return Err(SetRolesError::Forbidden);
        }
        if !roles.contains(Role::User) {
            return Err(SetRolesError::MissingUserRole);
        }
        let account = self
            .accounts
            .find_by_email(email)
            .await?
            .ok_or(SetRolesError::AccountNotFound)?;
        let updated = self
            .roles
            .set_roles(account.id, &roles, self.clock.now())
            .await?
            .ok_or(SetRolesError::AccountNotFound)?;
        tracing::info!(
            account = updated.id.0,
            by = actor.map(|p| p.account_id.0),
            roles = %updated.roles.to_csv(),
            "roles changed"
        );
        Ok(updated)
    }
}

#[cfg(test)]
#[path = "roles_tests.rs"]
mod tests;
