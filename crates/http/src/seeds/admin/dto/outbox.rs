use account_domain::outbox::{ChannelDepth, DeadMessage, OutboxOverview};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::errors::ApiError;

/// The outbox as operators see it: no recipient, no parameter, nothing secret.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutboxResponse {
    /// Per channel that has any, by name.
    pub channels: Vec<ChannelDepthResponse>,
    /// The newest 50 dead messages, newest first.
    pub dead: Vec<DeadMessageResponse>,
}

/// How many messages of one channel wait, and how many were given up.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChannelDepthResponse {
    /// `email`, `sms` or `push`.
    #[schema(example = "email")]
    pub channel: &'static str,
    pub pending: u64,
    pub dead: u64,
}

/// A message given up after its last attempt.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeadMessageResponse {
    /// What `POST /admin/outbox/{id}/retry` takes.
    pub id: i64,
    #[schema(example = "sms")]
    pub channel: &'static str,
    /// The template's stable name (`verification_code`, `push_notice`, ...).
    #[schema(example = "phone_code")]
    pub template: &'static str,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub dead_at: DateTime<Utc>,
    /// The provider's last answer, as the sender reported it.
    pub last_error: Option<String>,
}

impl From<OutboxOverview> for OutboxResponse {
    fn from(overview: OutboxOverview) -> Self {
        Self {
            channels: overview.depth.into_iter().map(Into::into).collect(),
            dead: overview.dead.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<ChannelDepth> for ChannelDepthResponse {
    fn from(depth: ChannelDepth) -> Self {
        Self {
            channel: depth.channel.as_str(),
            pending: depth.pending,
            dead: depth.dead,
        }
    }
}

impl From<DeadMessage> for DeadMessageResponse {
    fn from(message: DeadMessage) -> Self {
        Self {
            id: message.id,
            channel: message.channel.as_str(),
            template: message.template.as_str(),
            attempts: message.attempts,
            created_at: message.created_at,
            dead_at: message.dead_at,
            last_error: message.last_error,
        }
    }
}

/// The id of an outbox message in a path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct OutboxMessagePath {
    /// The id `GET /admin/outbox` lists.
    id: String,
}

impl OutboxMessagePath {
    pub fn try_into_domain(self) -> Result<i64, ApiError> {
        self.id.trim().parse().map_err(|_| {
            ApiError::invalid_request("The id is an integer").with_invalid_fields(["id"])
        })
    }
}
