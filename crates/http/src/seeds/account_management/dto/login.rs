use account_domain::auth::{ClientInfo, LoginCommand, LoginIdentifier, TokenPair};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// Log-in with the email, the login id or `username` (either of them) and the password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"email": "user@example.com", "password": "StrongPassword123!"}))]
pub struct LoginRequest {
    #[schema(value_type = String, required = false)]
    pub email: Option<String>,
    #[schema(value_type = String, required = false)]
    pub login_id: Option<String>,
    /// The email or the login id.
    #[schema(value_type = String, required = false)]
    pub username: Option<String>,
    #[schema(required = true, value_type = String)]
    pub password: Option<String>,
}

impl LoginRequest {
    pub fn try_into_domain(self, client: ClientInfo) -> Result<LoginCommand, ApiError> {
        let mut errors = FieldErrors::new();
        let identifier = [self.email, self.login_id, self.username]
            .into_iter()
            .flatten()
            .find(|v| !v.trim().is_empty());
        if identifier.is_none() {
            errors.add("email", "an email, loginId or username is required");
        }
        let password = errors.required("password", self.password);
        let (Some(identifier), Some(password)) = (identifier, password) else {
            return Err(errors.into());
        };
        Ok(LoginCommand {
            identifier: LoginIdentifier::parse(&identifier),
            password,
            client,
        })
    }
}

/// What a log-in or a refresh hands the client.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenResponse {
    /// A JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Opaque; spent by `/auth/accounts/refresh`, which returns its successor.
    pub refresh_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
}

impl From<TokenPair> for TokenResponse {
    fn from(pair: TokenPair) -> Self {
        Self {
            access_token: pair.access_token,
            refresh_token: pair.refresh_token,
            token_type: "Bearer",
            expires_in: pair.expires_in,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(
        email: Option<&str>,
        login_id: Option<&str>,
        username: Option<&str>,
    ) -> LoginRequest {
        LoginRequest {
            email: email.map(Into::into),
            login_id: login_id.map(Into::into),
            username: username.map(Into::into),
            password: Some("secret phrase".into()),
        }
    }

    #[test]
    fn takes_the_first_identifier_given() {
        let command = request(None, Some("johnny"), None)
            .try_into_domain(ClientInfo::default())
            .unwrap();
        assert!(matches!(command.identifier, LoginIdentifier::LoginId(_)));
        let command = request(None, None, Some("a@example.com"))
            .try_into_domain(ClientInfo::default())
            .unwrap();
        assert!(matches!(command.identifier, LoginIdentifier::Email(_)));
    }

    #[test]
    fn requires_an_identifier_and_a_password() {
        let mut empty = request(Some(" "), None, None);
        empty.password = None;
        let error = empty.try_into_domain(ClientInfo::default()).unwrap_err();
        assert_eq!(error.invalid_fields, ["email", "password"]);
    }
}
