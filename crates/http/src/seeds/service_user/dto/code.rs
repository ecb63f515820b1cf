use account_domain::values::Email;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `?Email=`: where the code goes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query, rename_all = "PascalCase")]
pub struct EmailQuery {
    /// The address to send a code to.
    #[serde(rename = "Email")]
    #[param(value_type = String)]
    pub email: Option<String>,
}

impl EmailQuery {
    pub fn try_into_domain(self) -> Result<Email, ApiError> {
        let mut errors = FieldErrors::new();
        errors
            .parse("Email", self.email, Email::parse)
            .ok_or_else(|| errors.into())
    }
}

/// `?Token=`: the emailed code (10 characters; case, spaces and dashes do not matter).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query, rename_all = "PascalCase")]
pub struct TokenQuery {
    /// The code emailed by `POST /v1/account/auth`.
    #[serde(rename = "Token")]
    #[param(value_type = String)]
    pub token: Option<String>,
}

impl TokenQuery {
    /// The code as typed; a missing or blank one is a field error.
    pub fn code(self) -> Result<String, ApiError> {
        let mut errors = FieldErrors::new();
        errors
            .required("Token", self.token)
            .ok_or_else(|| errors.into())
    }
}

/// `POST /v1/account/find`: the account's password.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"Password": "correct horse battery"}))]
pub struct FindRequest {
    #[serde(rename = "Password")]
    #[schema(required = true, value_type = String)]
    pub password: Option<String>,
}

impl FindRequest {
    /// The password as typed (the policy applies to new passwords, not to this check).
    pub fn password(self) -> Result<String, ApiError> {
        let mut errors = FieldErrors::new();
        errors
            .required("Password", self.password)
            .ok_or_else(|| errors.into())
    }
}

/// The account found: its public id (`UserID` elsewhere in the document).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"UID": "3a599f60a72427450bb5bd6e7d11e084f5a9d09e80959d712c53612046631240"}))]
pub struct FoundResponse {
    #[serde(rename = "UID")]
    pub uid: String,
}
