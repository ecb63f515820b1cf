use account_domain::accounts::RegisterCommand;
use account_domain::values::{Email, LoginId, Password, PersonName};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"email": "user@example.com", "password": "StrongPassword123!", "name": "John Doe"}))]
pub struct RegisterRequest {
    #[schema(required = true, value_type = String)]
    pub email: Option<String>,
    /// 8 to 128 characters, not a common password, not the email or login id.
    #[schema(required = true, value_type = String)]
    pub password: Option<String>,
    #[schema(required = true, value_type = String)]
    pub name: Option<String>,
    /// Optional handle to log in with instead of the email: 4 to 45 letters, digits, `_.-`.
    #[schema(value_type = String, required = false)]
    pub login_id: Option<String>,
}

impl RegisterRequest {
    pub fn try_into_domain(self) -> Result<RegisterCommand, ApiError> {
        let mut errors = FieldErrors::new();
        let email = errors.parse("email", self.email, Email::parse);
        let password = errors.parse("password", self.password, Password::parse);
        let name = errors.parse("name", self.name, PersonName::parse);
        let login_id = errors.parse_optional("loginId", self.login_id, LoginId::parse);
        let (Some(email), Some(password), Some(name), Some(login_id)) =
            (email, password, name, login_id)
        else {
            return Err(errors.into());
        };
        Ok(RegisterCommand {
            name: Some(name),
            login_id,
            ..RegisterCommand::new(email, password)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(email: &str, password: &str, name: &str, login_id: Option<&str>) -> RegisterRequest {
        RegisterRequest {
            email: Some(email.into()),
            password: Some(password.into()),
            name: Some(name.into()),
            login_id: login_id.map(Into::into),
        }
    }

    #[test]
    fn converts_a_valid_request() {
        let command = request(
            " user@example.com ",
            "correct horse battery",
            "John",
            Some("johnny"),
        )
        .try_into_domain();
        let command = command.unwrap();
        assert_eq!(command.email.as_str(), "user@example.com");
        assert_eq!(
            command.name.map(|n| n.as_str().to_owned()).as_deref(),
            Some("John")
        );
        assert_eq!(
            command.login_id.map(|l| l.as_str().to_owned()).as_deref(),
            Some("johnny")
        );
    }

    #[test]
    fn reports_every_invalid_field() {
        let error = request("nope", "short", "", Some("x y"))
            .try_into_domain()
            .unwrap_err();
        assert_eq!(
            error.invalid_fields,
            ["email", "password", "name", "loginId"]
        );
        assert_eq!(error.kind.id(), "invalid_fields");
    }
}
