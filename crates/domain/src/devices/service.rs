use std::sync::Arc;

use super::model::{NewDevice, ProvisionReport};
use super::ports::DeviceRepository;
use crate::UnexpectedError;
use crate::auth::Principal;
use crate::children::ChildWithDevice;
use crate::clock::Clock;
use crate::security_events::{self, SecurityEvent};
use crate::values::Role;

/// The largest provisioning batch accepted in one call (one transaction).
pub const MAX_PROVISION_BATCH: usize = 1000;

#[derive(Debug, thiserror::Error)]
pub enum ProvisionError {
    /// Only SERVER and ADMIN provision devices.
    #[error("not allowed to provision devices")]
    Forbidden,
    #[error("at most {max} devices per batch")]
    BatchTooLarge { max: usize },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// The device inventory: provisioning by machines and administrators, listing by owners.
pub struct DeviceService {
    devices: Arc<dyn DeviceRepository>,
    clock: Arc<dyn Clock>,
}

impl DeviceService {
    pub fn new(devices: Arc<dyn DeviceRepository>, clock: Arc<dyn Clock>) -> Self {
        Self { devices, clock }
    }

    /// Only SERVER and ADMIN provision devices; a caller may ask before sending a batch, so
    /// that others learn nothing about the rows. A refusal is a security event (`role_denied`).
    pub fn ensure_may_provision(&self, principal: &Principal) -> Result<(), ProvisionError> {
        if principal.roles.any_of(&[Role::Server, Role::Admin]) {
            Ok(())
        } else {
            security_events::record(&SecurityEvent::RoleDenied {
                account: principal.account_id,
                session: Some(principal.session_id),
                action: "provision_devices",
                required: "SERVER|ADMIN",
            });
            Err(ProvisionError::Forbidden)
        }
    }

    /// Adds devices to the inventory (SERVER or ADMIN only). Rows whose serial code or unique
    /// id exists already are reported as duplicates, not as an error, so a batch can be re-run.
    pub async fn provision(
        &self,
        principal: &Principal,
        devices: Vec<NewDevice>,
    ) -> Result<ProvisionReport, ProvisionError> {
        self.ensure_may_provision(principal)?;
        if devices.len() > MAX_PROVISION_BATCH {
            return Err(ProvisionError::BatchTooLarge {
                max: MAX_PROVISION_BATCH,
            });
        }
        if devices.is_empty() {
            return Ok(ProvisionReport::default());
        }
        let report = self.devices.provision(&devices, self.clock.now()).await?;
        tracing::info!(
            by = principal.account_id.0,
            created = report.created.len(),
            duplicates = report.duplicates.len(),
            "devices provisioned"
        );
        Ok(report)
    }

    /// Adds devices to the inventory for the operator at the console
    /// (`account-service provision-devices FILE`): no caller to check, any number of rows, stored
    /// in batches of [`MAX_PROVISION_BATCH`] (one transaction each). Duplicate indexes refer to
    /// the whole input.
    pub async fn import(
        &self,
        devices: Vec<NewDevice>,
    ) -> Result<ProvisionReport, UnexpectedError> {
        self.import_with_progress(devices, |_| {}).await
    }

    /// [`Self::import`], telling `stored` after each batch how many rows are stored so far
    /// (new or found present), for a progress display.
    pub async fn import_with_progress(
        &self,
        devices: Vec<NewDevice>,
        mut stored: impl FnMut(usize),
    ) -> Result<ProvisionReport, UnexpectedError> {
        let mut report = ProvisionReport::default();
        for (batch, chunk) in devices.chunks(MAX_PROVISION_BATCH).enumerate() {
            let part = self.devices.provision(chunk, self.clock.now()).await?;
            let offset = batch * MAX_PROVISION_BATCH;
            stored(offset + chunk.len());
            report.created.extend(part.created);
            report
                .duplicates
                .extend(part.duplicates.into_iter().map(|mut d| {
                    d.index += offset;
                    d
                }));
        }
        tracing::info!(
            created = report.created.len(),
            duplicates = report.duplicates.len(),
            "devices imported"
        );
        Ok(report)
    }

    /// The caller's devices, each with the child user it is bound to.
    pub async fn devices_of(
        &self,
        principal: &Principal,
    ) -> Result<Vec<ChildWithDevice>, UnexpectedError> {
        self.devices.list_for_root_user(principal.account_id).await
    }
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;
