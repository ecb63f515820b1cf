use account_domain::accounts::AccountId;
use account_domain::auth::{NewRefreshToken, NewSession, Session, SessionId};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::schema::{refresh_tokens, sessions};
use crate::time::StoredTime;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = sessions)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct SessionRow {
    pub id: i64,
    pub account_id: i64,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: StoredTime,
    pub last_used_at: StoredTime,
    pub expires_at: StoredTime,
    pub revoked_at: Option<StoredTime>,
}

impl SessionRow {
    pub fn into_domain(self) -> Session {
        Session {
            id: SessionId(self.id),
            account_id: AccountId(self.account_id),
            user_agent: self.user_agent,
            ip: self.ip,
            created_at: self.created_at.into(),
            last_used_at: self.last_used_at.into(),
            expires_at: self.expires_at.into(),
            revoked_at: self.revoked_at.map(Into::into),
        }
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSessionRow {
    pub account_id: i64,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: StoredTime,
    pub last_used_at: StoredTime,
    pub expires_at: StoredTime,
}

impl NewSessionRow {
    pub fn from_domain(session: &NewSession) -> Self {
        Self {
            account_id: session.account_id.0,
            user_agent: session.client.user_agent.clone(),
            ip: session.client.ip.clone(),
            created_at: StoredTime(session.created_at),
            last_used_at: StoredTime(session.created_at),
            expires_at: StoredTime(session.expires_at),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = refresh_tokens)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct RefreshTokenRow {
    pub id: i64,
    pub session_id: i64,
    pub token_digest: String,
    pub created_at: StoredTime,
    pub expires_at: StoredTime,
    pub rotated_at: Option<StoredTime>,
    pub successor_id: Option<i64>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct NewRefreshTokenRow {
    pub session_id: i64,
    pub token_digest: String,
    pub created_at: StoredTime,
    pub expires_at: StoredTime,
}

impl NewRefreshTokenRow {
    pub fn new(session_id: i64, token: &NewRefreshToken, created_at: DateTime<Utc>) -> Self {
        Self {
            session_id,
            token_digest: token.token_digest.clone(),
            created_at: StoredTime(created_at),
            expires_at: StoredTime(token.expires_at),
        }
    }
}
