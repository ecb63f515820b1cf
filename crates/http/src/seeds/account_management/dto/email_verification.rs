use account_domain::values::Email;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"email": "user@example.com"}))]
pub struct EmailCodeRequest {
    #[schema(required = true, value_type = String)]
    pub email: Option<String>,
}

impl EmailCodeRequest {
    pub fn try_into_domain(self) -> Result<Email, ApiError> {
        let mut errors = FieldErrors::new();
        errors
            .parse("email", self.email, Email::parse)
            .ok_or_else(|| errors.into())
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"email": "user@example.com", "code": "123456"}))]
pub struct EmailVerifyRequest {
    #[schema(required = true, value_type = String)]
    pub email: Option<String>,
    /// The six-digit code from the email.
    #[schema(required = true, value_type = String)]
    pub code: Option<String>,
}

/// An emailed code presented for its address.
#[derive(Debug)]
pub struct EmailConfirmation {
    pub email: Email,
    pub code: String,
}

impl EmailVerifyRequest {
    pub fn try_into_domain(self) -> Result<EmailConfirmation, ApiError> {
        let mut errors = FieldErrors::new();
        let email = errors.parse("email", self.email, Email::parse);
        let code = errors.required("code", self.code);
        let (Some(email), Some(code)) = (email, code) else {
            return Err(errors.into());
        };
        Ok(EmailConfirmation { email, code })
    }
}
