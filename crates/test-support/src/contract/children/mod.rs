//! `ChildRepository`: creating a child user together with the claim of a device, reading and
//! patching it, deleting it together with the release of its devices.

mod claims;
mod lifecycle;
mod races;

pub use claims::*;
pub use lifecycle::*;
pub use races::*;
