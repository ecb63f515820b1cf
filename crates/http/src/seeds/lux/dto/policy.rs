use account_domain::policies::{ConsentRecord, Policy, PolicyPatch};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::LuxTimestamp;

/// `PATCH policy`: the consents to set; an absent one stays as it is.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"is_push_agree": true, "is_marketing_agree": true}))]
pub struct PolicyPatchRequest {
    /// Push notifications.
    #[schema(value_type = bool, required = false)]
    pub is_push_agree: Option<bool>,
    /// Marketing messages.
    #[schema(value_type = bool, required = false)]
    pub is_marketing_agree: Option<bool>,
}

impl From<PolicyPatchRequest> for PolicyPatch {
    fn from(request: PolicyPatchRequest) -> Self {
        Self {
            is_push_agree: request.is_push_agree,
            is_marketing_agree: request.is_marketing_agree,
        }
    }
}

/// The caller's consents; a date is when the consent was given, `null` while it is off.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "is_push_agree": true, "is_marketing_agree": true,
    "push_agree_date": "2024-10-28T07:47:53.563Z", "marketing_agree_date": "2024-10-28T07:47:53.563Z"
}))]
pub struct PolicyResponse {
    pub is_push_agree: bool,
    pub is_marketing_agree: bool,
    #[schema(value_type = Option<String>, format = DateTime, example = "2024-10-28T07:47:53.563Z")]
    pub push_agree_date: Option<LuxTimestamp>,
    #[schema(value_type = Option<String>, format = DateTime, example = "2024-10-28T07:47:53.563Z")]
    pub marketing_agree_date: Option<LuxTimestamp>,
}

impl From<Policy> for PolicyResponse {
    fn from(policy: Policy) -> Self {
        Self {
            is_push_agree: policy.is_push_agree,
            is_marketing_agree: policy.is_marketing_agree,
            push_agree_date: policy.push_agree_date.map(LuxTimestamp),
            marketing_agree_date: policy.marketing_agree_date.map(LuxTimestamp),
        }
    }
}

/// One change of a consent, as `GET policy/history` lists them (oldest first).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "policy_type": "push", "is_agree": true, "session_id": 12, "ip": "203.0.113.5",
    "created_at": "2024-10-28T07:47:53.563Z"
}))]
pub struct ConsentHistoryEntry {
    pub id: i64,
    /// `push` or `marketing`.
    #[schema(example = "push")]
    pub policy_type: &'static str,
    /// True when the consent was given, false when it was withdrawn.
    pub is_agree: bool,
    /// The session (log-in) the change was made in, when known.
    pub session_id: Option<i64>,
    /// The address the change came from, when known.
    pub ip: Option<String>,
    #[schema(value_type = String, format = DateTime, example = "2024-10-28T07:47:53.563Z")]
    pub created_at: LuxTimestamp,
}

impl From<ConsentRecord> for ConsentHistoryEntry {
    fn from(record: ConsentRecord) -> Self {
        Self {
            id: record.id,
            policy_type: record.kind.as_str(),
            is_agree: record.agreed,
            session_id: record.session_id.map(|s| s.0),
            ip: record.ip,
            created_at: LuxTimestamp(record.recorded_at),
        }
    }
}
