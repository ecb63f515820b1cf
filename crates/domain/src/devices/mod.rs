//! The device inventory: devices provisioned in bulk by SERVER/ADMIN, later claimed by a root
//! user for a child user (see `children`), listed per owner (Lux `get-all-device`).

mod model;
mod ports;
mod service;

pub use model::{Device, DeviceId, DeviceKey, DuplicateDevice, NewDevice, ProvisionReport};
pub use ports::DeviceRepository;
#[cfg(any(test, feature = "mock"))]
pub use ports::MockDeviceRepository;
pub use service::{DeviceService, MAX_PROVISION_BATCH, ProvisionError};
