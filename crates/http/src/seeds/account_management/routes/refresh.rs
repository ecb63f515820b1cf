use actix_web::{HttpResponse, post, web};

use super::no_store;
use crate::errors::ApiError;
use crate::extract::JsonBody;
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::account_management::dto::{RefreshRequest, TokenResponse};
use crate::state::AppState;

/// Spend a refresh token for a new access token and the refresh token's successor.
#[utoipa::path(
    tag = "account-management",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "Tokens rotated", body = TokenResponse),
        (status = 400, description = "Missing refreshToken", body = AccountManagementErrorBody),
        (status = 401, description = "Invalid refresh token", body = AccountManagementErrorBody),
    )
)]
#[post("/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    JsonBody(request): JsonBody<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let refresh_token = request.try_into_domain()?;
    let tokens = state.auth.refresh(&refresh_token).await?;
    Ok(no_store().json(TokenResponse::from(tokens)))
}
