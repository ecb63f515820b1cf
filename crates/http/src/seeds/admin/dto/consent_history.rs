use account_domain::accounts::AccountId;
use account_domain::policies::ConsentRecord;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::errors::ApiError;

/// One change of an account's consent, for administrators.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsentRecordResponse {
    pub id: i64,
    pub account_id: i64,
    /// `push` or `marketing`.
    #[schema(example = "push")]
    pub kind: &'static str,
    /// True when the consent was given, false when it was withdrawn.
    pub agreed: bool,
    /// The session the change was made in.
    pub session_id: Option<i64>,
    pub ip: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

impl From<ConsentRecord> for ConsentRecordResponse {
    fn from(record: ConsentRecord) -> Self {
        Self {
            id: record.id,
            account_id: record.account_id.0,
            kind: record.kind.as_str(),
            agreed: record.agreed,
            session_id: record.session_id.map(|s| s.0),
            ip: record.ip,
            recorded_at: record.recorded_at,
        }
    }
}

/// The `{id}` of `/admin/accounts/{id}/consent-history`.
#[derive(Debug, Deserialize)]
pub struct AccountPath {
    id: String,
}

impl AccountPath {
    pub fn try_into_domain(self) -> Result<AccountId, ApiError> {
        self.id.parse().map(AccountId).map_err(|_| {
            ApiError::invalid_request("Account id must be an integer").with_invalid_fields(["id"])
        })
    }
}
