use account_domain::values::Password;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// The caller's email and password, asked again before a sensitive act.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"email": "user@example.com", "password": "password"}))]
pub struct PasswordCheckRequest {
    #[schema(required = true, value_type = String)]
    pub email: Option<String>,
    #[schema(required = true, value_type = String)]
    pub password: Option<String>,
}

/// What a password check needs: the email and password as typed.
#[derive(Debug)]
pub struct PasswordCheck {
    pub email: String,
    pub password: String,
}

impl PasswordCheckRequest {
    pub fn try_into_check(self) -> Result<PasswordCheck, ApiError> {
        let mut errors = FieldErrors::new();
        let email = errors.required("email", self.email);
        let password = errors.required("password", self.password);
        let (Some(email), Some(password)) = (email, password) else {
            return Err(errors.into());
        };
        Ok(PasswordCheck { email, password })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "email": "user@example.com",
    "password": "CurrentPassword123!",
    "newPassword": "NewPassword456!"
}))]
pub struct ChangePasswordRequest {
    #[schema(required = true, value_type = String)]
    pub email: Option<String>,
    /// The current password.
    #[schema(required = true, value_type = String)]
    pub password: Option<String>,
    /// 8 to 128 characters, not a common password, not the email or login id.
    #[schema(required = true, value_type = String)]
    pub new_password: Option<String>,
}

/// A password change as the use case takes it.
#[derive(Debug)]
pub struct PasswordChange {
    pub check: PasswordCheck,
    pub new_password: Password,
}

impl ChangePasswordRequest {
    pub fn try_into_change(self) -> Result<PasswordChange, ApiError> {
        let mut errors = FieldErrors::new();
        let email = errors.required("email", self.email);
        let password = errors.required("password", self.password);
        let new_password = errors.parse("newPassword", self.new_password, Password::parse);
        let (Some(email), Some(password), Some(new_password)) = (email, password, new_password)
        else {
            return Err(errors.into());
        };
        Ok(PasswordChange {
            check: PasswordCheck { email, password },
            new_password,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_needs_every_field_and_a_valid_new_password() {
        let error = ChangePasswordRequest {
            email: None,
            password: Some("current".into()),
            new_password: Some("short".into()),
        }
        .try_into_change()
        .unwrap_err();
        assert_eq!(error.invalid_fields, ["email", "newPassword"]);
    }

    #[test]
    fn a_check_keeps_the_fields_as_typed() {
        let check = PasswordCheckRequest {
            email: Some(" User@Example.com ".into()),
            password: Some(" spaced ".into()),
        }
        .try_into_check()
        .unwrap();
        assert_eq!(check.email, " User@Example.com ");
        assert_eq!(check.password, " spaced ");
    }
}
