use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use super::claim::{
    CreateWithDeviceError, DeleteAndReleaseError, create_with_device, delete_and_release,
};
use super::model::{ChildId, ChildPatch, ChildUser, ChildWithDevice, DeviceClaim, NewChild};
use super::ports::ChildRepository;
use crate::UnexpectedError;
use crate::auth::{ClientInfo, Principal};
use crate::clock::Clock;
use crate::security_events::{self, SecurityEvent};
use crate::store::{UnitOfWork, transact};
use crate::throttle::{Budget, ThrottleKey, ThrottleRepository, ThrottleRule, refund, reserve};
use crate::values::{Birthdate, DeviceUniqueId, Gender, PersonName, Role};

/// A child user to create for the caller, and the device to claim for it.
#[derive(Debug, Clone)]
pub struct CreateChildCommand {
    pub first_name: PersonName,
    pub last_name: Option<PersonName>,
    pub birthdate: Birthdate,
    pub gender: Gender,
    pub device: DeviceClaim,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateChildError {
    /// Only root users (role USER) have child users; a SERVER principal, for one, has none.
    #[error("not authorized to create a child user")]
    NotAuthorized,
    /// No device has this serial code, or its MAC id or unique id do not match.
    #[error("device not found")]
    DeviceNotFound,
    /// The device is bound to a child user already.
    #[error("device is already connected")]
    DeviceAlreadyConnected,
    /// Too many claims of unknown or mismatched devices by this account or from this IP.
    #[error("too many device claims")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Limits on claims that name no device (a wrong serial code, MAC id or unique id), so that the
/// inventory cannot be guessed through `create-real-user`.
#[derive(Debug, Clone)]
pub struct ClaimSettings {
    pub per_account: ThrottleRule,
    pub per_ip: ThrottleRule,
}

impl Default for ClaimSettings {
    fn default() -> Self {
        Self {
            per_account: ThrottleRule {
                limit: 10,
                window: Duration::hours(1),
                lockout: Duration::hours(1),
            },
            per_ip: ThrottleRule {
                limit: 30,
                window: Duration::hours(1),
                lockout: Duration::hours(1),
            },
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GetChildError {
    /// No live child user has this id.
    #[error("child user not found")]
    NotFound,
    /// The child user belongs to another root user and the caller is neither ADMIN nor STAFF.
    #[error("not authorized for this child user")]
    NotAuthorized,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateChildError {
    /// No live child user has this id.
    #[error("child user not found")]
    NotFound,
    /// The child user belongs to another root user and the caller is neither ADMIN nor STAFF.
    #[error("not authorized for this child user")]
    NotAuthorized,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

#[derive(Debug, thiserror::Error)]
pub enum DeleteChildError {
    /// No live child user has this id.
    #[error("child user not found")]
    NotFound,
    /// The child user belongs to another root user and the caller is neither ADMIN nor STAFF.
    #[error("not authorized for this child user")]
    NotAuthorized,
    /// The device named in the request is not bound to this child user.
    #[error("device is not connected to this child user")]
    DeviceNotConnected,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Why a caller cannot reach a child user; each use case maps it into its own error.
enum Access {
    NotFound,
    NotAuthorized,
    Unexpected(UnexpectedError),
}

impl From<UnexpectedError> for Access {
    fn from(e: UnexpectedError) -> Self {
        Self::Unexpected(e)
    }
}

/// Child users of root users and the devices they are bound to.
pub struct ChildService {
    children: Arc<dyn ChildRepository>,
    unit_of_work: Arc<dyn UnitOfWork>,
    throttle: Arc<dyn ThrottleRepository>,
    clock: Arc<dyn Clock>,
    claims: ClaimSettings,
}

impl ChildService {
    pub fn new(
        children: Arc<dyn ChildRepository>,
        unit_of_work: Arc<dyn UnitOfWork>,
        throttle: Arc<dyn ThrottleRepository>,
        clock: Arc<dyn Clock>,
        claims: ClaimSettings,
    ) -> Self {
        Self {
            children,
            unit_of_work,
            throttle,
            clock,
            claims,
        }
    }

    /// Creates a child user of the caller and binds the claimed device to it, atomically: if the
    /// device cannot be claimed, no child user is created. Each claim is reserved against the
    /// caller's account and IP before the device is looked up, and given back unless it named
    /// no device.
    pub async fn create_with_device(
        &self,
        principal: &Principal,
        command: CreateChildCommand,
        client: &ClientInfo,
    ) -> Result<ChildWithDevice, CreateChildError> {
        if !principal.roles.contains(Role::User) {
            security_events::record(&SecurityEvent::RoleDenied {
                account: principal.account_id,
                session: Some(principal.session_id),
                action: "create_child_user",
                required: "USER",
            });
            return Err(CreateChildError::NotAuthorized);
        }
        let now = self.clock.now();
        let budgets: Vec<Budget> = std::iter::once(Budget::new(
            ThrottleKey::new("device-claim:account", &principal.account_id.0.to_string()),
            self.claims.per_account,
        ))
        .chain(Budget::per_ip(
            "device-claim:ip",
            client.ip.as_deref(),
            self.claims.per_ip,
        ))
        .collect();
        if let Some(retry_at) = reserve(&*self.throttle, &budgets, now).await? {
            return Err(CreateChildError::Throttled { retry_at });
        }
        let child = NewChild {
            root_user_id: principal.account_id,
            first_name: command.first_name,
            last_name: command.last_name,
            birthdate: command.birthdate,
            gender: command.gender,
            now,
        };
        let claim = command.device;
        let claimed = transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move { create_with_device(tx, &child, &claim).await })
        })
        .await;
        if !matches!(claimed, Err(CreateWithDeviceError::DeviceNotFound)) {
            refund(&*self.throttle, &budgets, now).await?;
        }
        let created = claimed.map_err(|e| match e {
            CreateWithDeviceError::DeviceNotFound => CreateChildError::DeviceNotFound,
            CreateWithDeviceError::DeviceTaken => CreateChildError::DeviceAlreadyConnected,
            CreateWithDeviceError::Unexpected(e) => CreateChildError::Unexpected(e),
        })?;
        security_events::record(&SecurityEvent::DeviceClaimed {
            account: principal.account_id,
            session: principal.session_id,
            child: created.child.id,
            device: created.device.id,
        });
        Ok(created)
    }

    /// A child user of the caller (any child user for ADMIN and STAFF).
    pub async fn get(
        &self,
        principal: &Principal,
        id: ChildId,
    ) -> Result<ChildUser, GetChildError> {
        self.reachable(principal, id).await.map_err(|e| match e {
            Access::NotFound => GetChildError::NotFound,
            Access::NotAuthorized => GetChildError::NotAuthorized,
            Access::Unexpected(e) => GetChildError::Unexpected(e),
        })
    }

    /// Changes the fields given in `patch`; an empty patch changes nothing.
    pub async fn update(
        &self,
        principal: &Principal,
        id: ChildId,
        patch: ChildPatch,
    ) -> Result<ChildUser, UpdateChildError> {
        let child = self.reachable(principal, id).await.map_err(|e| match e {
            Access::NotFound => UpdateChildError::NotFound,
            Access::NotAuthorized => UpdateChildError::NotAuthorized,
            Access::Unexpected(e) => UpdateChildError::Unexpected(e),
        })?;
        if patch.is_empty() {
            return Ok(child);
        }
        // `None`: deleted since it was read.
        self.children
            .update(id, &patch, self.clock.now())
            .await?
            .ok_or(UpdateChildError::NotFound)
    }

    /// Soft-deletes a child user and releases its devices, atomically. `unique_id` names the
    /// device the client believes is bound to it, as the Lux request does.
    pub async fn delete_with_device(
        &self,
        principal: &Principal,
        id: ChildId,
        unique_id: &DeviceUniqueId,
    ) -> Result<(), DeleteChildError> {
        self.reachable(principal, id).await.map_err(|e| match e {
            Access::NotFound => DeleteChildError::NotFound,
            Access::NotAuthorized => DeleteChildError::NotAuthorized,
            Access::Unexpected(e) => DeleteChildError::Unexpected(e),
        })?;
        let (unique_id, now) = (unique_id.clone(), self.clock.now());
        transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move { delete_and_release(tx, id, &unique_id, now).await })
        })
        .await
        .map_err(|e| match e {
            DeleteAndReleaseError::ChildNotFound => DeleteChildError::NotFound,
            DeleteAndReleaseError::DeviceNotBound => DeleteChildError::DeviceNotConnected,
            DeleteAndReleaseError::Unexpected(e) => DeleteChildError::Unexpected(e),
        })?;
        security_events::record(&SecurityEvent::DeviceReleased {
            account: principal.account_id,
            session: principal.session_id,
            child: id,
        });
        Ok(())
    }

    /// The live child user `id` if the caller may act on it (`Principal::may_act_on`); another
    /// user's child is a security event (`ownership_denied`).
    async fn reachable(&self, principal: &Principal, id: ChildId) -> Result<ChildUser, Access> {
        let child = self.children.find(id).await?.ok_or(Access::NotFound)?;
        if !principal.may_act_on(child.root_user_id) {
            security_events::record(&SecurityEvent::OwnershipDenied {
                account: principal.account_id,
                session: principal.session_id,
                resource: "child_user",
                resource_id: id.0,
            });
            return Err(Access::NotAuthorized);
        }
        Ok(child)
    }
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;
