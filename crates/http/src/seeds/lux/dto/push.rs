use account_domain::values::FcmToken;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `POST push/set-token`: the app install's FCM registration token.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"token": "dQw4w9WgXcQ:APA91bH..."}))]
pub struct SetPushTokenRequest {
    /// The FCM registration token.
    #[schema(required = true, value_type = String)]
    pub token: Option<String>,
}

impl SetPushTokenRequest {
    /// A missing token is `400 token is required`; one that is not token-shaped is the
    /// document's `409 User push token update failed`.
    pub fn try_into_domain(self) -> Result<FcmToken, ApiError> {
        let mut errors = FieldErrors::new();
        let token = errors.required("token", self.token).ok_or(errors)?;
        Ok(FcmToken::parse(&token)?)
    }
}

/// What `POST push/set-token` answers: a JSON string.
pub const PUSH_TOKEN_UPDATED: &str = "User push token updated";
