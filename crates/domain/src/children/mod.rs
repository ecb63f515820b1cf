//! Child users ("real users" in Lux): dependants of a root user, each created together with the
//! claim of a device from the inventory, and deleted together with its release.

mod claim;
mod model;
mod ports;
mod service;

pub use claim::{
    CreateWithDeviceError, DeleteAndReleaseError, create_with_device, delete_and_release,
};
pub use model::{ChildId, ChildPatch, ChildUser, ChildWithDevice, DeviceClaim, NewChild};
pub use ports::ChildRepository;
#[cfg(any(test, feature = "mock"))]
pub use ports::MockChildRepository;
pub use service::{
    ChildService, ClaimSettings, CreateChildCommand, CreateChildError, DeleteChildError,
    GetChildError, UpdateChildError,
};
