use chrono::{DateTime, Utc};

use crate::accounts::AccountId;
use crate::auth::SessionId;
use crate::values::FcmToken;

/// The FCM token of one app install, held by the session that registered it: it lives as long
/// as that session does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushToken {
    pub account_id: AccountId,
    pub session_id: SessionId,
    pub token: FcmToken,
    pub registered_at: DateTime<Utc>,
}
