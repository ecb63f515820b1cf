use account_domain::auth::{ClientInfo, LoginCommand, LoginIdentifier, TokenPair};
use actix_web::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::{ApiError, ApiErrorKind};

/// An OAuth2 token request (RFC 6749 4.3 and 6), form-encoded.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OAuthTokenRequest {
    /// `password` or `refresh_token`.
    #[schema(required = true, value_type = String, example = "password")]
    pub grant_type: Option<String>,
    /// For `password`: the email or the login id.
    #[schema(value_type = String, required = false)]
    pub username: Option<String>,
    /// For `password`.
    #[schema(value_type = String, required = false)]
    pub password: Option<String>,
    /// For `refresh_token`.
    #[schema(value_type = String, required = false)]
    pub refresh_token: Option<String>,
    /// Accepted and ignored: access is governed by the account's roles.
    #[schema(value_type = String, required = false)]
    pub scope: Option<String>,
}

/// What the token request asks for.
#[derive(Debug)]
pub enum TokenGrant {
    Password(LoginCommand),
    RefreshToken(String),
}

impl OAuthTokenRequest {
    pub fn try_into_domain(self, client: ClientInfo) -> Result<TokenGrant, ApiError> {
        let mut errors = FieldErrors::new();
        let Some(grant_type) = errors.required("grant_type", self.grant_type) else {
            return Err(as_invalid_request(errors));
        };
        match grant_type.as_str() {
            "password" => {
                let username = errors.required("username", self.username);
                let password = errors.required("password", self.password);
                let (Some(username), Some(password)) = (username, password) else {
                    return Err(as_invalid_request(errors));
                };
                let identifier = LoginIdentifier::parse(&username);
                Ok(TokenGrant::Password(LoginCommand {
                    identifier,
                    password,
                    client,
                }))
            }
            "refresh_token" => match errors.required("refresh_token", self.refresh_token) {
                Some(token) => Ok(TokenGrant::RefreshToken(token)),
                None => Err(as_invalid_request(errors)),
            },
            _ => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                ApiErrorKind::UnsupportedGrantType,
                "Unsupported grant type",
            )
            .with_invalid_fields(["grant_type"])),
        }
    }
}

/// Missing parameters are RFC 6749's `invalid_request`.
fn as_invalid_request(errors: FieldErrors) -> ApiError {
    ApiError {
        kind: ApiErrorKind::InvalidRequest,
        ..errors.into()
    }
}

/// RFC 6749 (5.1) access token response.
#[derive(Debug, Serialize, ToSchema)]
pub struct OAuthTokenResponse {
    pub access_token: String,
    #[schema(example = "bearer")]
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
    pub refresh_token: String,
}

impl From<TokenPair> for OAuthTokenResponse {
    fn from(pair: TokenPair) -> Self {
        Self {
            access_token: pair.access_token,
            token_type: "bearer",
            expires_in: pair.expires_in,
            refresh_token: pair.refresh_token,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(grant_type: &str) -> OAuthTokenRequest {
        OAuthTokenRequest {
            grant_type: Some(grant_type.into()),
            username: None,
            password: None,
            refresh_token: None,
            scope: None,
        }
    }

    #[test]
    fn a_password_grant_needs_username_and_password() {
        let error = request("password")
            .try_into_domain(ClientInfo::default())
            .unwrap_err();
        assert_eq!(error.kind.id(), "invalid_request");
        assert_eq!(error.invalid_fields, ["username", "password"]);
    }

    #[test]
    fn a_refresh_grant_carries_its_token() {
        let mut grant = request("refresh_token");
        grant.refresh_token = Some("r1".into());
        assert!(
            matches!(grant.try_into_domain(ClientInfo::default()), Ok(TokenGrant::RefreshToken(t)) if t == "r1")
        );
    }

    #[test]
    fn other_grants_are_unsupported() {
        let error = request("client_credentials")
            .try_into_domain(ClientInfo::default())
            .unwrap_err();
        assert_eq!(
            (error.status.as_u16(), error.kind.id()),
            (400, "unsupported_grant_type")
        );
    }
}
