use account_domain::values::{Email, Password};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// A request for a reset email.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"email": "user@example.com"}))]
pub struct PasswordResetRequest {
    #[schema(required = true, value_type = String)]
    pub email: Option<String>,
}

impl PasswordResetRequest {
    pub fn try_into_domain(self) -> Result<Email, ApiError> {
        let mut errors = FieldErrors::new();
        errors
            .parse("email", self.email, Email::parse)
            .ok_or_else(|| errors.into())
    }
}

/// The document's reset body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "email": "user@example.com",
    "newPassword": "NewStrongPassword123!",
    "token": "password_reset_token"
}))]
pub struct ResetPasswordRequest {
    #[schema(required = true, value_type = String)]
    pub email: Option<String>,
    /// 8 to 128 characters, not a common password, not the email or login id.
    #[schema(required = true, value_type = String)]
    pub new_password: Option<String>,
    /// The code from the reset email (also in its link): ten characters, case and dashes
    /// ignored.
    #[schema(required = true, value_type = String)]
    pub token: Option<String>,
}

/// A reset as the use case takes it.
#[derive(Debug)]
pub struct PasswordReset {
    pub email: Email,
    pub new_password: Password,
    pub token: String,
}

impl ResetPasswordRequest {
    pub fn try_into_domain(self) -> Result<PasswordReset, ApiError> {
        let mut errors = FieldErrors::new();
        let email = errors.parse("email", self.email, Email::parse);
        let new_password = errors.parse("newPassword", self.new_password, Password::parse);
        let token = errors.required("token", self.token);
        let (Some(email), Some(new_password), Some(token)) = (email, new_password, token) else {
            return Err(errors.into());
        };
        Ok(PasswordReset {
            email,
            new_password,
            token,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_needs_every_field_and_a_valid_new_password() {
        let error = ResetPasswordRequest {
            email: Some("not an email".into()),
            new_password: Some("short".into()),
            token: None,
        }
        .try_into_domain()
        .unwrap_err();
        assert_eq!(error.invalid_fields, ["email", "newPassword", "token"]);
    }
}
