//! Bodies of the administration routes (no seed covers them: account-management style,
//! device fields named as the Lux API names them).

mod accounts;
mod audit;
mod consent_history;
mod devices;
mod outbox;
mod push;

pub use accounts::{AccountPageResponse, AccountSearchParams, AdminAccountResponse, RolesRequest};
pub use audit::{AuditEntryResponse, AuditPageResponse, AuditSearchParams};
pub use consent_history::{AccountPath, ConsentRecordResponse};
pub use devices::{
    DuplicateRow, MAX_ALIAS_CHARS, ProvisionDeviceRow, ProvisionResponse, batch_into_domain,
};
pub use outbox::{ChannelDepthResponse, DeadMessageResponse, OutboxMessagePath, OutboxResponse};
pub use push::{PushSendRequest, PushSendResponse, QueuedInstall, SkippedInstall};
