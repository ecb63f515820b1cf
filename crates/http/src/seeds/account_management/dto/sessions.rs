use account_domain::auth::{Principal, Session, SessionId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::errors::ApiError;

/// One active session (log-in) of the caller.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "id": 4,
    "userAgent": "curl/8.5.0",
    "ip": "127.0.0.1",
    "createdAt": "2026-11-30T06:25:05.123456Z",
    "lastUsedAt": "2026-11-30T06:40:12.654321Z",
    "expiresAt": "2027-02-28T06:25:05.123456Z",
    "current": true
}))]
pub struct SessionResponse {
    pub id: i64,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// True for the session of the access token that asked.
    pub current: bool,
}

impl SessionResponse {
    pub fn new(session: Session, caller: &Principal) -> Self {
        Self {
            id: session.id.0,
            current: session.id == caller.session_id,
            user_agent: session.user_agent,
            ip: session.ip,
            created_at: session.created_at,
            last_used_at: session.last_used_at,
            expires_at: session.expires_at,
        }
    }
}

/// `{"success": true, "revoked": n}`
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"success": true, "revoked": 2}))]
pub struct RevokedSessionsResponse {
    pub success: bool,
    /// How many sessions ended.
    pub revoked: u64,
}

/// The `{id}` of `/auth/accounts/sessions/{id}`.
#[derive(Debug, Deserialize)]
pub struct SessionPath {
    id: String,
}

impl SessionPath {
    pub fn try_into_domain(self) -> Result<SessionId, ApiError> {
        self.id.parse().map(SessionId).map_err(|_| {
            ApiError::invalid_request("Session id must be an integer").with_invalid_fields(["id"])
        })
    }
}
