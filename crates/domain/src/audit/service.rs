use std::sync::Arc;

use super::model::{AuditPage, AuditQuery};
use super::ports::AuditLog;
use crate::UnexpectedError;
use crate::auth::Principal;
use crate::security_events::{self, SecurityEvent};
use crate::values::Role;

#[derive(Debug, thiserror::Error)]
pub enum ReadAuditError {
    /// Only ADMIN reads the audit log.
    #[error("only ADMIN reads the audit log")]
    Forbidden,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Reading the audit log (ADMIN only).
pub struct AuditService {
    log: Arc<dyn AuditLog>,
}

impl AuditService {
    pub fn new(log: Arc<dyn AuditLog>) -> Self {
        Self { log }
    }

    /// The entries matching `query`, for an ADMIN caller; anyone else is refused
    /// (`role_denied`).
    pub async fn find(
        &self,
        caller: &Principal,
        query: &AuditQuery,
    ) -> Result<AuditPage, ReadAuditError> {
        if !caller.roles.contains(Role::Admin) {
            security_events::record(&SecurityEvent::RoleDenied {
                account: caller.account_id,
                session: Some(caller.session_id),
                action: "read_audit_log",
                required: "ADMIN",
            });
            return Err(ReadAuditError::Forbidden);
        }
        Ok(self.log.find(query).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::MockAuditLog;
    use crate::testing::principal;

    #[tokio::test]
    async fn only_admin_reads_the_log() {
        let mut log = MockAuditLog::new();
        log.expect_find().times(1).returning(|_| {
            Ok(AuditPage {
                entries: vec![],
                total: 0,
            })
        });
        let service = AuditService::new(Arc::new(log));
        let query = AuditQuery::default();
        assert!(
            service
                .find(&principal(1, &[Role::Admin, Role::User]), &query)
                .await
                .is_ok()
        );
        for roles in [&[Role::Staff, Role::User][..], &[Role::Server], &[]] {
            let refused = service.find(&principal(1, roles), &query).await;
            assert!(
                matches!(refused, Err(ReadAuditError::Forbidden)),
                "{roles:?}"
            );
        }
    }
}
