use actix_web::{HttpResponse, patch, post, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, JsonBody};
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::account_management::dto::{
    ChangePasswordRequest, PasswordCheckRequest, SuccessResponse,
};
use crate::state::AppState;

/// Change the password, giving the current one: every access token issued before stops
/// working (refresh the current session's) and every other session ends.
#[utoipa::path(
    tag = "account-management",
    security(("bearer_auth" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Password changed", body = SuccessResponse),
        (status = 400, description = "`Invalid current password` (a wrong password or another \
            email, `invalid_current_password`), or an invalid new password (`invalid_fields`)",
            body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 429, description = "Too many wrong passwords for this account (`Retry-After`)",
            body = AccountManagementErrorBody),
    )
)]
#[patch("/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let change = request.try_into_change()?;
    state
        .auth
        .change_password(
            &caller,
            &change.check.email,
            &change.check.password,
            change.new_password,
        )
        .await?;
    Ok(HttpResponse::Ok().json(SuccessResponse::OK))
}

/// Check the caller's email and password (before a sensitive act in the client).
#[utoipa::path(
    tag = "account-management",
    security(("bearer_auth" = [])),
    request_body = PasswordCheckRequest,
    responses(
        (status = 200, description = "The password is right", body = SuccessResponse),
        (status = 400, description = "`Invalid password` (a wrong password or another email, \
            `invalid_password`), or a missing field", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 429, description = "Too many wrong passwords for this account (`Retry-After`)",
            body = AccountManagementErrorBody),
    )
)]
#[post("/password/verify")]
pub async fn verify_password(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<PasswordCheckRequest>,
) -> Result<HttpResponse, ApiError> {
    let check = request.try_into_check()?;
    state
        .auth
        .check_password(&caller, &check.email, &check.password)
        .await?;
    Ok(HttpResponse::Ok().json(SuccessResponse::OK))
}
