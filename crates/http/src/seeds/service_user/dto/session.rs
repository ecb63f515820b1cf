use account_domain::auth::{ClientInfo, LoginCommand, LoginIdentifier, TokenPair};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `POST /v1/account/login`: the address and the password the account was created with.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
#[schema(example = json!({"Email": "limmireu1214@gmail.com", "Password": "correct horse battery"}))]
pub struct AccountLoginRequest {
    #[schema(required = true, value_type = String)]
    pub email: Option<String>,
    #[schema(required = true, value_type = String)]
    pub password: Option<String>,
}

impl AccountLoginRequest {
    pub fn try_into_domain(self, client: ClientInfo) -> Result<LoginCommand, ApiError> {
        let mut errors = FieldErrors::new();
        let email = errors.required("Email", self.email);
        let password = errors.required("Password", self.password);
        let (Some(email), Some(password)) = (email, password) else {
            return Err(errors.into());
        };
        Ok(LoginCommand {
            identifier: LoginIdentifier::parse(&email),
            password,
            client,
        })
    }
}

/// `POST /v1/account/refresh`: the refresh token the log-in (or the last refresh) gave.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
#[schema(example = json!({"RefreshToken": "q0cJm3c0e5W0yq9mQbq7pG4l1Vd8yTz8c1N6bA2xYhE"}))]
pub struct AccountRefreshRequest {
    #[schema(required = true, value_type = String)]
    pub refresh_token: Option<String>,
}

impl AccountRefreshRequest {
    pub fn token(self) -> Result<String, ApiError> {
        let mut errors = FieldErrors::new();
        errors
            .required("RefreshToken", self.refresh_token)
            .ok_or_else(|| errors.into())
    }
}

/// A log-in or refresh: `Authorization: Bearer <AccessToken>` on the document's routes that
/// need one; the refresh token gets the next pair (each is used once).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
#[schema(example = json!({"msg": "Done.", "AccessToken": "eyJhbGciOiJFZERTQSIsInR5cCI6ImF0K2p3dCJ9...",
    "RefreshToken": "q0cJm3c0e5W0yq9mQbq7pG4l1Vd8yTz8c1N6bA2xYhE", "TokenType": "Bearer",
    "ExpiresIn": 900}))]
pub struct AccountTokenResponse {
    #[serde(rename = "msg")]
    pub msg: &'static str,
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: &'static str,
    /// Seconds the access token lives.
    pub expires_in: i64,
}

impl From<TokenPair> for AccountTokenResponse {
    fn from(pair: TokenPair) -> Self {
        Self {
            msg: "Done.",
            access_token: pair.access_token,
            refresh_token: pair.refresh_token,
            token_type: "Bearer",
            expires_in: pair.expires_in,
        }
    }
}
