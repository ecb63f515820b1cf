//! Child users ("real users" in Lux): dependants of a root user, each created together with the
//! claim of a device from the inventory, and deleted together with its release.

mod model;
mod ports;
mod service;

pub use model::{ChildId, ChildPatch, ChildUser, ChildWithDevice, DeviceClaim, NewChild};
#[cfg(any(test, feature = "mock"))]
pub use ports::MockChildRepository;
pub use ports::{ChildRepository, CreateWithDeviceError, DeleteAndReleaseError};
pub use service::{
    ChildService, CreateChildCommand, CreateChildError, DeleteChildError, GetChildError,
    UpdateChildError,
};
