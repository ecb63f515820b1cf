//! The audit log of administrative actions: who did what to which account, when and from
//! where. Entries are appended in the transaction of the action they record
//! ([`StoreTransaction::append_audit`](crate::store::StoreTransaction::append_audit)) and never
//! changed or removed; ADMIN reads them through [`AuditService`].

mod model;
mod ports;
mod service;

pub use model::{
    AuditAction, AuditEntry, AuditOrigin, AuditPage, AuditQuery, NewAuditEntry, PageRequest,
};
pub use ports::AuditLog;
#[cfg(any(test, feature = "mock"))]
pub use ports::MockAuditLog;
pub use service::{AuditService, ReadAuditError};
