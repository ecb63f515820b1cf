use account_domain::accounts::AccountId;
use serde::Deserialize;

use crate::errors::ApiError;

/// The `{accountId}` of `/accounts/{accountId}/...`, read as text so that a bad one is this
/// document's `400 {"invalidFields": ["accountId"]}`.
#[derive(Debug, Deserialize)]
pub struct AccountIdPath {
    #[serde(rename = "accountId")]
    account_id: String,
}

impl AccountIdPath {
    pub fn try_into_domain(self) -> Result<AccountId, ApiError> {
        integer_id(&self.account_id, "accountId")
    }
}

/// The `{userId}` of `/users/{userId}/profile`.
#[derive(Debug, Deserialize)]
pub struct UserIdPath {
    #[serde(rename = "userId")]
    user_id: String,
}

impl UserIdPath {
    pub fn try_into_domain(self) -> Result<AccountId, ApiError> {
        integer_id(&self.user_id, "userId")
    }
}

fn integer_id(raw: &str, field: &'static str) -> Result<AccountId, ApiError> {
    raw.parse().map(AccountId).map_err(|_| {
        ApiError::invalid_request(format!("{field} must be an integer"))
            .with_invalid_fields([field])
    })
}
