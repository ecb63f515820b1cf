use account_domain::accounts::AccountPatch;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::errors::ApiError;

/// `PATCH /accounts/{accountId}`: only the fields to change; absent (or `null`) ones stay.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"name": "John Doe", "gender": "MALE", "birthDate": "1997-01-01"}))]
pub struct AccountPatchRequest {
    /// 2 to 20 characters.
    #[schema(value_type = String, required = false)]
    pub name: Option<String>,
    /// `MALE` or `FEMALE`.
    #[schema(value_type = String, required = false)]
    pub gender: Option<String>,
    /// `yyyy-MM-dd`.
    #[schema(value_type = String, required = false)]
    pub birth_date: Option<String>,
}

impl AccountPatchRequest {
    /// The domain's patch; every field at fault is named (`400 {"invalidFields": [...]}`).
    pub fn try_into_domain(self, today: NaiveDate) -> Result<AccountPatch, ApiError> {
        Ok(AccountPatch::parse(
            self.name.as_deref(),
            self.gender.as_deref(),
            self.birth_date.as_deref(),
            today,
        )?)
    }
}
