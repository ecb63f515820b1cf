use actix_web::{HttpResponse, post, web};

use super::no_store;
use crate::errors::ApiError;
use crate::extract::{Client, JsonBody};
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::account_management::dto::{LoginRequest, TokenResponse};
use crate::state::AppState;

/// Log in with the email or login id and the password.
#[utoipa::path(
    tag = "account-management",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenResponse, links(
            ("Refresh" = (operation_ref = "#/paths/~1auth~1accounts~1refresh/post",
                request_body = json!({"refreshToken": "$response.body#/refreshToken"}))),
        )),
        (status = 400, description = "Missing identifier or password", body = AccountManagementErrorBody),
        (status = 401, description = "Invalid email or password", body = AccountManagementErrorBody),
        (status = 429, description = "Too many failed log-ins; see `Retry-After`", body = AccountManagementErrorBody),
    )
)]
#[post("/login")]
pub async fn login(
    state: web::Data<AppState>,
    Client(client): Client,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let command = request.try_into_domain(client)?;
    let tokens = state.auth.login(command).await?;
    Ok(no_store().json(TokenResponse::from(tokens)))
}
