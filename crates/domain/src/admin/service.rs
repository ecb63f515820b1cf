use std::sync::Arc;

use super::errors::AccountAdminError;
use super::model::{AccountPage, AccountQuery};
use super::ports::AccountDirectory;
use super::rules::RetentionPolicy;
use crate::accounts::{Account, AccountId, AccountRepository};
use crate::auth::Principal;
use crate::clock::Clock;
use crate::security_events::{self, SecurityEvent};
use crate::store::UnitOfWork;
use crate::values::Role;

/// The administration of accounts. The use cases live in the sibling modules, one per file.
pub struct AdminService {
    pub(super) directory: Arc<dyn AccountDirectory>,
    pub(super) accounts: Arc<dyn AccountRepository>,
    pub(super) unit_of_work: Arc<dyn UnitOfWork>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) retention: RetentionPolicy,
}

impl AdminService {
    pub fn new(
        directory: Arc<dyn AccountDirectory>,
        accounts: Arc<dyn AccountRepository>,
        unit_of_work: Arc<dyn UnitOfWork>,
        clock: Arc<dyn Clock>,
        retention: RetentionPolicy,
    ) -> Self {
        Self {
            directory,
            accounts,
            unit_of_work,
            clock,
            retention,
        }
    }

    pub fn retention(&self) -> RetentionPolicy {
        self.retention
    }

    /// The accounts matching `query`, for ADMIN and STAFF.
    pub async fn search(
        &self,
        caller: &Principal,
        query: &AccountQuery,
    ) -> Result<AccountPage, AccountAdminError> {
        require(caller, &[Role::Admin, Role::Staff], "search_accounts")
            .map_err(|()| AccountAdminError::Forbidden)?;
        Ok(self.directory.search(query).await?)
    }

    /// Account `id` whatever its state (deleted, banned), for ADMIN and STAFF.
    pub async fn account(
        &self,
        caller: &Principal,
        id: AccountId,
    ) -> Result<Account, AccountAdminError> {
        require(caller, &[Role::Admin, Role::Staff], "read_account")
            .map_err(|()| AccountAdminError::Forbidden)?;
        self.accounts
            .find_by_id(id)
            .await?
            .ok_or(AccountAdminError::NotFound)
    }
}

/// Whether `caller` holds one of `roles`; a refusal is a security event (`role_denied`).
pub(super) fn require(caller: &Principal, roles: &[Role], action: &'static str) -> Result<(), ()> {
    if caller.roles.any_of(roles) {
        return Ok(());
    }
    security_events::record(&SecurityEvent::RoleDenied {
        account: caller.account_id,
        session: Some(caller.session_id),
        action,
        required: if roles.contains(&Role::Staff) {
            "ADMIN, STAFF"
        } else {
            "ADMIN"
        },
    });
    Err(())
}
