use account_domain::accounts::AccountId;
use account_domain::audit::{AuditAction, AuditEntry, AuditPage, AuditQuery, PageRequest};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::accounts::number;
use crate::errors::ApiError;

/// One administrative action.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryResponse {
    pub id: i64,
    /// The account that acted; absent when the service did (`userAgent` names the part:
    /// `cli`, `retention`).
    pub actor_id: Option<i64>,
    /// `roles_changed`, `banned`, `unbanned`, `restored`, `account_updated`,
    /// `account_deleted`, `anonymized`.
    #[schema(example = "banned")]
    pub action: &'static str,
    pub target_id: i64,
    /// What changed, without personal data: the new roles, the names of changed fields.
    pub detail: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub at: DateTime<Utc>,
}

impl From<AuditEntry> for AuditEntryResponse {
    fn from(stored: AuditEntry) -> Self {
        let entry = stored.entry;
        Self {
            id: stored.id,
            actor_id: entry.actor.map(|a| a.0),
            action: entry.action.as_str(),
            target_id: entry.target.0,
            detail: entry.detail,
            ip: entry.ip,
            user_agent: entry.user_agent,
            at: entry.at,
        }
    }
}

/// One page of the audit log, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditPageResponse {
    pub entries: Vec<AuditEntryResponse>,
    pub page: u32,
    pub size: u32,
    pub total: u64,
}

impl AuditPageResponse {
    pub fn new(page: AuditPage, query: &AuditQuery) -> Self {
        Self {
            entries: page.entries.into_iter().map(Into::into).collect(),
            page: query.page.page,
            size: query.page.size,
            total: page.total,
        }
    }
}

/// The filters of `GET /admin/audit-log`; every given one must hold.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditSearchParams {
    /// The id of the account that acted.
    actor: Option<String>,
    /// The id of the account acted on.
    target: Option<String>,
    /// An action name (`banned`, ...).
    action: Option<String>,
    /// Entries at or after this instant (RFC 3339).
    from: Option<String>,
    /// Entries before this instant (RFC 3339).
    to: Option<String>,
    /// From 1 (default 1).
    page: Option<String>,
    /// 1 to 100 (default 20).
    size: Option<String>,
}

impl AuditSearchParams {
    pub fn try_into_domain(self) -> Result<AuditQuery, ApiError> {
        let mut invalid: Vec<&'static str> = Vec::new();
        let account = |raw: Option<&str>, field, invalid: &mut Vec<&'static str>| {
            raw.map(|raw| raw.trim().parse::<i64>())
                .and_then(|parsed| parsed.map(AccountId).map_err(|_| invalid.push(field)).ok())
        };
        let actor = account(self.actor.as_deref(), "actor", &mut invalid);
        let target = account(self.target.as_deref(), "target", &mut invalid);
        let action = self.action.as_deref().and_then(|raw| {
            let parsed = AuditAction::parse(raw.trim());
            if parsed.is_none() {
                invalid.push("action");
            }
            parsed
        });
        let instant = |raw: Option<&str>, field, invalid: &mut Vec<&'static str>| {
            raw.and_then(|raw| match DateTime::parse_from_rfc3339(raw.trim()) {
                Ok(at) => Some(at.with_timezone(&Utc)),
                Err(_) => {
                    invalid.push(field);
                    None
                }
            })
        };
        let from = instant(self.from.as_deref(), "from", &mut invalid);
        let until = instant(self.to.as_deref(), "to", &mut invalid);
        let page = number(self.page.as_deref(), "page", &mut invalid);
        let size = number(self.size.as_deref(), "size", &mut invalid);
        let pages = PageRequest::new(page, size);
        if page == Some(0) {
            invalid.push("page");
        }
        if size.is_some_and(|s| s == 0 || s > PageRequest::MAX_SIZE) {
            invalid.push("size");
        }
        match pages {
            Some(page) if invalid.is_empty() => Ok(AuditQuery {
                actor,
                target,
                action,
                from,
                until,
                page,
            }),
            _ => Err(ApiError::invalid_request(
                "Invalid filter: actor and target account ids, action an audit action, from \
                 and to RFC 3339 instants, page from 1, size 1 to 100",
            )
            .with_invalid_fields(invalid)),
        }
    }
}
