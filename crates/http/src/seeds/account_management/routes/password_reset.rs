use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Client, JsonBody};
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::account_management::dto::{
    PasswordResetRequest, ResetPasswordRequest, SuccessResponse,
};
use crate::state::AppState;

/// Email a password-reset token (a link and a code, 30 minutes, single use) to the account
/// with this address, verified or not. Answers the same whether or not such an account exists.
#[utoipa::path(
    tag = "account-management",
    request_body = PasswordResetRequest,
    responses(
        (status = 200, description = "Accepted", body = SuccessResponse),
        (status = 400, description = "Invalid email", body = AccountManagementErrorBody),
        (status = 429, description = "A reset email was sent recently (`code_cooldown`) or too many \
            requests for this address or from this client (`too_many_requests`); see `Retry-After` \
            and `retryAfter`", body = AccountManagementErrorBody),
    )
)]
#[post("/reset/request")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    Client(client): Client,
    JsonBody(request): JsonBody<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = request.try_into_domain()?;
    state.password_reset.request_reset(&email, &client).await?;
    Ok(HttpResponse::Ok().json(SuccessResponse::OK))
}

/// Set a new password with the emailed token. The reset proves the address: the email becomes
/// verified, every session ends and every access token issued before stops working.
#[utoipa::path(
    tag = "account-management",
    request_body = ResetPasswordRequest,
    responses(
        (status = 200, description = "Password reset", body = SuccessResponse),
        (status = 400, description = "`Invalid token` (wrong, expired, used, or none sent; \
            `invalid_token`), or an invalid field (`invalid_fields`)", body = AccountManagementErrorBody),
        (status = 429, description = "Too many wrong tokens from this client; see `Retry-After`",
            body = AccountManagementErrorBody),
    )
)]
#[post("/reset")]
pub async fn reset_password(
    state: web::Data<AppState>,
    Client(client): Client,
    JsonBody(request): JsonBody<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let reset = request.try_into_domain()?;
    state
        .password_reset
        .reset_password(&reset.email, &reset.token, reset.new_password, &client)
        .await?;
    Ok(HttpResponse::Ok().json(SuccessResponse::OK))
}
