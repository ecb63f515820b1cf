use serde::Deserialize;
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"refreshToken": "Zq3nV0dE2qk6cJ8hY1wXrT5uLmP9sA4fB7gK0iO2eWc"}))]
pub struct RefreshRequest {
    #[schema(required = true, value_type = String)]
    pub refresh_token: Option<String>,
}

impl RefreshRequest {
    /// The refresh token to spend.
    pub fn try_into_domain(self) -> Result<String, ApiError> {
        let mut errors = FieldErrors::new();
        errors
            .required("refreshToken", self.refresh_token)
            .ok_or_else(|| errors.into())
    }
}
