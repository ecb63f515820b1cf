use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::audit::{AuditAction, AuditEntry, NewAuditEntry};
use diesel::prelude::*;

use super::{UnknownCode, invalid_field};
use crate::schema::audit_log;
use crate::time::StoredTime;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct AuditRow {
    pub id: i64,
    pub actor_id: Option<i64>,
    pub action: String,
    pub target_id: i64,
    pub detail: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: StoredTime,
}

impl AuditRow {
    pub fn into_domain(self) -> Result<AuditEntry, UnexpectedError> {
        let action = AuditAction::parse(&self.action)
            .ok_or_else(|| UnknownCode(self.action.clone()))
            .map_err(invalid_field("audit entry", self.id, "action"))?;
        Ok(AuditEntry {
            id: self.id,
            entry: NewAuditEntry {
                actor: self.actor_id.map(AccountId),
                action,
                target: AccountId(self.target_id),
                detail: self.detail,
                ip: self.ip,
                user_agent: self.user_agent,
                at: self.created_at.into(),
            },
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewAuditRow {
    pub actor_id: Option<i64>,
    pub action: &'static str,
    pub target_id: i64,
    pub detail: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: StoredTime,
}

impl NewAuditRow {
    pub fn from_domain(entry: &NewAuditEntry) -> Self {
        Self {
            actor_id: entry.actor.map(|a| a.0),
            action: entry.action.as_str(),
            target_id: entry.target.0,
            detail: entry.detail.clone(),
            ip: entry.ip.clone(),
            user_agent: entry.user_agent.clone(),
            created_at: StoredTime(entry.at),
        }
    }
}
