use actix_web::{HttpResponse, get, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::account_management::dto::AccountResponse;
use crate::state::AppState;

/// The caller's profile.
#[utoipa::path(
    tag = "account-management",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "The profile", body = AccountResponse),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
    )
)]
#[get("/profile")]
pub async fn profile(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let account = state.accounts.profile(caller.account_id).await?;
    Ok(HttpResponse::Ok().json(AccountResponse::from(account)))
}
