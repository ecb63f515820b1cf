use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Client, JsonBody};
use crate::seeds::service_user::ServiceUserErrorBody;
use crate::seeds::service_user::dto::{
    AccountLoginRequest, AccountRefreshRequest, AccountTokenResponse,
};
use crate::seeds::service_user::error_mapping::log_in_error;
use crate::state::AppState;

/// Log in with the address and the password (not in the document, designed in its style): an
/// access token for `Authorization: Bearer ...` where the document puts the `UserID`, and a
/// refresh token.
#[utoipa::path(
    tag = "service-user-account",
    request_body = AccountLoginRequest,
    responses(
        (status = 200, description = "Logged in", body = AccountTokenResponse),
        (status = 400, description = "A field missing", body = ServiceUserErrorBody),
        (status = 401, description = "No such account, or a wrong password (one answer)",
            body = ServiceUserErrorBody, example = json!({"msg": "Not processed."})),
        (status = 429, description = "Too many failed log-ins (`Retry Time`, `Retry-After`)",
            body = ServiceUserErrorBody),
    )
)]
#[post("/login")]
pub async fn log_in(
    state: web::Data<AppState>,
    Client(client): Client,
    JsonBody(request): JsonBody<AccountLoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let command = request.try_into_domain(client)?;
    let pair = state.auth.login(command).await.map_err(log_in_error)?;
    Ok(HttpResponse::Ok().json(AccountTokenResponse::from(pair)))
}

/// The next token pair for a refresh token (each is used once; a reused one ends the log-in).
#[utoipa::path(
    tag = "service-user-account",
    request_body = AccountRefreshRequest,
    responses(
        (status = 200, description = "Refreshed", body = AccountTokenResponse),
        (status = 400, description = "A field missing", body = ServiceUserErrorBody),
        (status = 401, description = "An unknown, expired or reused refresh token",
            body = ServiceUserErrorBody),
    )
)]
#[post("/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    JsonBody(request): JsonBody<AccountRefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let token = request.token()?;
    let pair = state.auth.refresh(&token).await?;
    Ok(HttpResponse::Ok().json(AccountTokenResponse::from(pair)))
}
