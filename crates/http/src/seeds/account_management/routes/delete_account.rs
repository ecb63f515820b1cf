use actix_web::{HttpResponse, delete, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, JsonBody};
use crate::seeds::account_management::dto::{PasswordCheckRequest, SuccessResponse};
use crate::seeds::account_management::{AccountDeletionError, AccountManagementErrorBody};
use crate::state::AppState;

/// Delete the caller's account, giving the password again: the account is soft-deleted (its
/// email is free again), every session ends, a notice goes to its email address.
#[utoipa::path(
    tag = "account-management",
    security(("bearer_auth" = [])),
    request_body = PasswordCheckRequest,
    responses(
        (status = 200, description = "Account deleted", body = SuccessResponse),
        (status = 400, description = "A missing field (`invalid_fields`)",
            body = AccountManagementErrorBody),
        (status = 401, description = "`Invalid password` (a wrong password or another email), \
            or Unauthorized", body = AccountManagementErrorBody),
        (status = 429, description = "Too many wrong passwords for this account (`Retry-After`)",
            body = AccountManagementErrorBody),
    )
)]
#[delete("")]
pub async fn delete_account(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<PasswordCheckRequest>,
) -> Result<HttpResponse, ApiError> {
    let check = request.try_into_check()?;
    state
        .auth
        .check_password(&caller, &check.email, &check.password)
        .await
        .map_err(AccountDeletionError::Password)?;
    state
        .root_users
        .withdraw(caller.account_id)
        .await
        .map_err(AccountDeletionError::Withdraw)?;
    Ok(HttpResponse::Ok().json(SuccessResponse::OK))
}
