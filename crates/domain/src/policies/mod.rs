//! Consents (push, marketing) with an append-only history of every change (Lux `PATCH policy`).

mod change;
mod model;
mod ports;
mod service;

pub use change::change_consents;
pub use model::{ConsentChange, ConsentKind, ConsentOrigin, ConsentRecord, Policy, PolicyPatch};
#[cfg(any(test, feature = "mock"))]
pub use ports::MockPolicyRepository;
pub use ports::PolicyRepository;
pub use service::{ConsentHistoryError, PolicyService, UpdatePolicyError};
