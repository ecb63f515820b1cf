use chrono::{DateTime, Utc};

use crate::accounts::AccountId;
use crate::auth::{ClientInfo, Principal};

/// What an administrative action did to its target account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// The roles were replaced (the detail lists the new ones).
    RolesChanged,
    Banned,
    Unbanned,
    /// A deleted account was brought back within the retention period.
    Restored,
    /// ADMIN or STAFF changed another's account (`PATCH /accounts/{id}`; the detail names the
    /// fields, never their values).
    AccountUpdated,
    /// ADMIN or STAFF deleted another's account (`DELETE /accounts/{id}`).
    AccountDeleted,
    /// The retention period ended: the personal fields were erased.
    Anonymized,
}

impl AuditAction {
    pub const ALL: [AuditAction; 7] = [
        Self::RolesChanged,
        Self::Banned,
        Self::Unbanned,
        Self::Restored,
        Self::AccountUpdated,
        Self::AccountDeleted,
        Self::Anonymized,
    ];

    /// The stable name stored and shown (`roles_changed`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RolesChanged => "roles_changed",
            Self::Banned => "banned",
            Self::Unbanned => "unbanned",
            Self::Restored => "restored",
            Self::AccountUpdated => "account_updated",
            Self::AccountDeleted => "account_deleted",
            Self::Anonymized => "anonymized",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.as_str() == raw)
    }
}

/// Who acted and from where: an account with its request's client, or the service itself
/// (the operator's command line, the anonymisation job) with no account and no client.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditOrigin {
    pub actor: Option<AccountId>,
    /// For the service itself, `user_agent` names the part that acted (`cli`, `retention`).
    pub client: ClientInfo,
}

impl AuditOrigin {
    /// A signed-in caller of a request from `client`.
    pub fn caller(caller: &Principal, client: &ClientInfo) -> Self {
        Self {
            actor: Some(caller.account_id),
            client: client.clone(),
        }
    }

    /// The service acting on its own; `what` names the part (`cli`, `retention`).
    pub fn service(what: &str) -> Self {
        Self {
            actor: None,
            client: ClientInfo {
                ip: None,
                user_agent: Some(what.to_owned()),
            },
        }
    }

    /// The entry recording `action` on `target` at `now`.
    pub fn entry(
        &self,
        action: AuditAction,
        target: AccountId,
        detail: Option<String>,
        now: DateTime<Utc>,
    ) -> NewAuditEntry {
        NewAuditEntry {
            actor: self.actor,
            action,
            target,
            detail,
            ip: self.client.ip.clone(),
            user_agent: self.client.user_agent.clone(),
            at: now,
        }
    }
}

/// An entry as appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    /// `None` when the service itself acted.
    pub actor: Option<AccountId>,
    pub action: AuditAction,
    pub target: AccountId,
    /// What changed, without personal data (new roles, the names of changed fields).
    pub detail: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub at: DateTime<Utc>,
}

/// An entry as stored: ids increase in the order entries were appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub entry: NewAuditEntry,
}

/// A page of a listing: `page` counts from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub size: u32,
}

impl PageRequest {
    pub const DEFAULT_SIZE: u32 = 20;
    pub const MAX_SIZE: u32 = 100;

    /// The page asked for, `None` when `page` is 0 or `size` is 0 or above [`Self::MAX_SIZE`].
    pub fn new(page: Option<u32>, size: Option<u32>) -> Option<Self> {
        let page = page.unwrap_or(1);
        let size = size.unwrap_or(Self::DEFAULT_SIZE);
        (page >= 1 && (1..=Self::MAX_SIZE).contains(&size)).then_some(Self { page, size })
    }

    /// Rows to skip before this page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.size)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            size: Self::DEFAULT_SIZE,
        }
    }
}

/// Which entries to list; every given filter must hold. Newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditQuery {
    pub actor: Option<AccountId>,
    pub target: Option<AccountId>,
    pub action: Option<AuditAction>,
    /// Entries at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Entries before this instant.
    pub until: Option<DateTime<Utc>>,
    pub page: PageRequest,
}

/// One page of entries and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_by_name() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AuditAction::parse("deleted_everything"), None);
    }

    #[test]
    fn pages_are_bounded() {
        assert_eq!(PageRequest::new(None, None), Some(PageRequest::default()));
        assert_eq!(PageRequest::new(Some(0), None), None);
        assert_eq!(PageRequest::new(None, Some(0)), None);
        assert_eq!(PageRequest::new(None, Some(101)), None);
        let third = PageRequest::new(Some(3), Some(10)).unwrap();
        assert_eq!(third.offset(), 20);
    }
}
