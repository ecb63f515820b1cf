use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{HttpResponse, post, web};
use utoipa_actix_web::scope::Scope;

use super::no_store;
use crate::errors::ApiError;
use crate::errors::render::RenderErrors;
use crate::extract::Client;
use crate::seeds::account_management::dto::{OAuthTokenRequest, OAuthTokenResponse, TokenGrant};
use crate::seeds::account_management::{OAuthErrorBody, OAuthErrorRenderer, OAuthTokenError};
use crate::state::AppState;

/// `/auth/accounts/token` in a scope of its own: an OAuth2 client reads its errors in RFC
/// 6749's shape, not the account-management document's.
pub fn scope() -> Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    utoipa_actix_web::scope("/token")
        .service(token)
        .wrap(RenderErrors::new(OAuthErrorRenderer))
}

/// OAuth2 token endpoint: the `password` and `refresh_token` grants (RFC 6749).
///
/// Errors are RFC 6749's (5.2): `{"error": "invalid_grant", "error_description": "..."}`, with
/// `invalid_request`, `invalid_grant` or `unsupported_grant_type` in `error`.
#[utoipa::path(
    tag = "account-management",
    request_body(content = OAuthTokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Tokens issued", body = OAuthTokenResponse),
        (status = 400, description = "`invalid_request` (a parameter missing, a body that is \
            not a form), `invalid_grant` (wrong credentials; an unknown, expired, revoked or \
            reused refresh token) or `unsupported_grant_type`", body = OAuthErrorBody,
            example = json!({"error": "invalid_grant", "error_description": "Invalid refresh token"})),
        (status = 413, description = "`invalid_request`: the body is too large", body = OAuthErrorBody),
        (status = 429, description = "`temporarily_unavailable`: too many failed log-ins; see \
            `Retry-After`", body = OAuthErrorBody),
        (status = 500, description = "`server_error`", body = OAuthErrorBody),
    )
)]
#[post("")]
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
