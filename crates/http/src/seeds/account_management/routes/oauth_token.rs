use actix_web::{HttpResponse, post, web};

use super::no_store;
use crate::errors::ApiError;
use crate::extract::Client;
use crate::seeds::account_management::dto::{OAuthTokenRequest, OAuthTokenResponse, TokenGrant};
use crate::seeds::account_management::{AccountManagementErrorBody, OAuthTokenError};
use crate::state::AppState;

/// OAuth2 token endpoint: the `password` and `refresh_token` grants (RFC 6749).
///
/// Errors carry the RFC's code in `error`: `invalid_request`, `invalid_grant`,
/// `unsupported_grant_type`.
#[utoipa::path(
    tag = "account-management",
    request_body(content = OAuthTokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Tokens issued", body = OAuthTokenResponse),
        (status = 400, description = "`invalid_request`, `invalid_grant` or `unsupported_grant_type`", body = AccountManagementErrorBody),
        (status = 429, description = "Too many failed log-ins; see `Retry-After`", body = AccountManagementErrorBody),
    )
)]
#[post("/token")]
pub async fn token(
    state: web::Data<AppState>,
    Client(client): Client,
    web::Form(request): web::Form<OAuthTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let tokens = match request.try_into_domain(client)? {
        TokenGrant::Password(command) => state
            .auth
            .login(command)
            .await
            .map_err(OAuthTokenError::Login)?,
        TokenGrant::RefreshToken(token) => state
            .auth
            .refresh(&token)
            .await
            .map_err(OAuthTokenError::Refresh)?,
    };
    Ok(no_store().json(OAuthTokenResponse::from(tokens)))
}
