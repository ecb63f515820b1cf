use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Client, JsonBody};
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::account_management::dto::{AccountResponse, RegisterRequest};
use crate::state::AppState;

/// Register an account with email and password.
#[utoipa::path(
    tag = "account-management",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created", body = AccountResponse, links(
            ("LogIn" = (operation_ref = "#/paths/~1auth~1accounts~1login/post",
                request_body = json!({"email": "$request.body#/email",
                    "password": "$request.body#/password"}))),
        )),
        (status = 400, description = "Email already exists (`email_taken`), login id taken (`login_id_taken`), \
            or invalid fields (`invalid_fields`, e.g. a common password)", body = AccountManagementErrorBody),
        (status = 429, description = "Too many sign-ups from this IP or for this address (`too_many_requests`, \
            `Retry-After`)", body = AccountManagementErrorBody),
    )
)]
#[post("/register")]
pub async fn register(
    state: web::Data<AppState>,
    Client(client): Client,
    JsonBody(request): JsonBody<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let command = request.try_into_domain()?;
    let account = state.accounts.register(command, &client).await?;
    Ok(HttpResponse::Created().json(AccountResponse::from(account)))
}
