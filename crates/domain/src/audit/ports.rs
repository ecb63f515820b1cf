use async_trait::async_trait;

use super::model::{AuditPage, AuditQuery};
use crate::UnexpectedError;

/// Reads the audit log. Entries are written only by
/// [`StoreTransaction::append_audit`](crate::store::StoreTransaction::append_audit), in the
/// transaction of the action they record; nothing changes or removes them (the stores refuse
/// `UPDATE` and `DELETE` on them).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// The entries matching every filter of `query`, newest first (by id), the page it asks
    /// for, and how many match in all. `from` is inclusive, `until` exclusive.
    async fn find(&self, query: &AuditQuery) -> Result<AuditPage, UnexpectedError>;
}
