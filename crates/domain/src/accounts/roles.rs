use std::sync::Arc;

use super::model::Account;
use super::ports::AccountRepository;
use crate::UnexpectedError;
use crate::admin::{SetAccountRolesError, change_roles};
use crate::audit::AuditOrigin;
use crate::clock::Clock;
use crate::security_events::{self, SecurityEvent};
use crate::store::{UnitOfWork, transact};
use crate::values::{Email, Roles};

#[derive(Debug, thiserror::Error)]
pub enum SetRolesError {
    #[error("account not found")]
    AccountNotFound,
    /// An account keeps USER: every account is a user first.
    #[error("roles must include USER")]
    MissingUserRole,
    /// The change would leave no ADMIN who can sign in: promote another account first.
    #[error("the last ADMIN keeps ADMIN: promote another account first")]
    LastAdmin,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Grants and withdraws roles at the operator's console (`account-service set-roles`), which is
/// how the first ADMIN or SERVER account comes to be. ADMIN does the same over HTTP through
/// [`AdminService::set_roles`](crate::admin::AdminService::set_roles); both go through
/// [`change_roles`] and write the audit log (the operator as the service itself, `cli`).
pub struct RoleService {
    accounts: Arc<dyn AccountRepository>,
    unit_of_work: Arc<dyn UnitOfWork>,
    clock: Arc<dyn Clock>,
}

impl RoleService {
    pub fn new(
        accounts: Arc<dyn AccountRepository>,
        unit_of_work: Arc<dyn UnitOfWork>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            accounts,
            unit_of_work,
            clock,
        }
    }

    /// Sets the roles of the live account holding `email`; the change is a security event
    /// (`roles_changed`, by no account) and an audit entry.
    pub async fn set_roles(&self, email: &Email, roles: Roles) -> Result<Account, SetRolesError> {
        let account = self
            .accounts
            .find_by_email(email)
            .await?
            .ok_or(SetRolesError::AccountNotFound)?;
        let id = account.id;
        let now = self.clock.now();
        let origin = AuditOrigin::service("cli");
        let updated = transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move { change_roles(tx, id, &roles, &origin, now).await })
        })
        .await
        .map_err(|e| match e {
            SetAccountRolesError::NotFound | SetAccountRolesError::Deleted => {
                SetRolesError::AccountNotFound
            }
            SetAccountRolesError::MissingUserRole => SetRolesError::MissingUserRole,
            SetAccountRolesError::LastAdmin => SetRolesError::LastAdmin,
            SetAccountRolesError::Forbidden => {
                SetRolesError::Unexpected(UnexpectedError::new("the operator may set roles"))
            }
            SetAccountRolesError::Unexpected(e) => SetRolesError::Unexpected(e),
        })?;
        security_events::record(&SecurityEvent::RolesChanged {
            account: updated.id,
            by: None,
            roles: &updated.roles.to_csv(),
        });
        Ok(updated)
    }
}

#[cfg(test)]
#[path = "roles_tests.rs"]
mod tests;
