use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Client, JsonBody};
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::account_management::dto::{
    EmailCodeRequest, EmailVerifyRequest, SuccessResponse,
};
use crate::state::AppState;

/// Email a verification code. Answers the same whether or not an unverified account has
/// this address.
#[utoipa::path(
    tag = "account-management",
    request_body = EmailCodeRequest,
    responses(
        (status = 200, description = "Accepted", body = SuccessResponse),
        (status = 400, description = "Invalid email", body = AccountManagementErrorBody),
        (status = 429, description = "A code was sent recently (`code_cooldown`) or too many requests \
            (`too_many_requests`); see `Retry-After` and `retryAfter`", body = AccountManagementErrorBody),
    )
)]
#[post("/email/code")]
pub async fn send_email_code(
    state: web::Data<AppState>,
    Client(client): Client,
    JsonBody(request): JsonBody<EmailCodeRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = request.try_into_domain()?;
    state.verification.send_email_code(&email, &client).await?;
    Ok(HttpResponse::Ok().json(SuccessResponse::OK))
}

/// Confirm the emailed code: the account's email becomes verified.
#[utoipa::path(
    tag = "account-management",
    request_body = EmailVerifyRequest,
    responses(
        (status = 200, description = "Email verified", body = SuccessResponse),
        (status = 400, description = "Invalid code (`invalid_code`), code expired (`code_expired`), attempts \
            used up (`code_attempts_exhausted`: request a new code), or invalid fields", body = AccountManagementErrorBody),
        (status = 429, description = "Too many wrong codes from this client; see `Retry-After`", body = AccountManagementErrorBody),
    )
)]
#[post("/email/verify")]
pub async fn verify_email(
    state: web::Data<AppState>,
    Client(client): Client,
    JsonBody(request): JsonBody<EmailVerifyRequest>,
) -> Result<HttpResponse, ApiError> {
    let confirmation = request.try_into_domain()?;
    state
        .verification
        .confirm_email(&confirmation.email, &confirmation.code, &client)
        .await?;
    Ok(HttpResponse::Ok().json(SuccessResponse::OK))
}
