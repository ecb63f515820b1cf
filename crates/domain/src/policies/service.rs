use std::sync::Arc;

use super::change::change_consents;
use super::model::{ConsentOrigin, ConsentRecord, Policy, PolicyPatch};
use super::ports::PolicyRepository;
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::auth::{ClientInfo, Principal};
use crate::clock::Clock;
use crate::security_events::{self, SecurityEvent};
use crate::store::{UnitOfWork, transact};
use crate::values::Role;

#[derive(Debug, thiserror::Error)]
pub enum UpdatePolicyError {
    /// No live account has this id (it was deleted after the caller authenticated).
    #[error("account does not exist")]
    AccountNotFound,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

#[derive(Debug, thiserror::Error)]
pub enum ConsentHistoryError {
    /// Only the account itself and ADMIN may read a consent history (not STAFF).
    #[error("not allowed to read this consent history")]
    Forbidden,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Reads and changes consents; every change is recorded with the session and IP it came from.
pub struct PolicyService {
    policies: Arc<dyn PolicyRepository>,
    unit_of_work: Arc<dyn UnitOfWork>,
    clock: Arc<dyn Clock>,
}

impl PolicyService {
    pub fn new(
        policies: Arc<dyn PolicyRepository>,
        unit_of_work: Arc<dyn UnitOfWork>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            policies,
            unit_of_work,
            clock,
        }
    }

    /// The account's consents; nothing agreed when it never changed one.
    pub async fn policy(&self, account: AccountId) -> Result<Policy, UnexpectedError> {
        Ok(self
            .policies
            .find(account)
            .await?
            .unwrap_or_else(|| Policy::default_for(account)))
    }

    /// Sets the caller's consents ([`change_consents`], in one transaction). A consent that
    /// changes is dated (when turned on) and appended to the history together with the
    /// caller's session and IP.
    pub async fn update(
        &self,
        principal: &Principal,
        patch: PolicyPatch,
        client: &ClientInfo,
    ) -> Result<Policy, UpdatePolicyError> {
        let origin = ConsentOrigin {
            session_id: Some(principal.session_id),
            ip: client.ip.clone(),
            at: self.clock.now(),
        };
        let account = principal.account_id;
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                change_consents(tx, account, &patch, &origin)
                    .await?
                    .ok_or(UpdatePolicyError::AccountNotFound)
            })
        })
        .await
    }

    /// The consent history of `account`, oldest first: for the account itself and for ADMIN.
    /// Another caller's attempt is a security event (`ownership_denied`).
    pub async fn consent_history(
        &self,
        principal: &Principal,
        account: AccountId,
    ) -> Result<Vec<ConsentRecord>, ConsentHistoryError> {
        if principal.account_id != account && !principal.roles.contains(Role::Admin) {
            security_events::record(&SecurityEvent::OwnershipDenied {
                account: principal.account_id,
                session: principal.session_id,
                resource: "consent_history",
                resource_id: account.0,
            });
            return Err(ConsentHistoryError::Forbidden);
        }
        Ok(self.policies.history(account).await?)
    }
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;
