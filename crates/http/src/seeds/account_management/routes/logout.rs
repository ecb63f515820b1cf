use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::account_management::dto::SuccessResponse;
use crate::state::AppState;

/// End the current session: its refresh token and its access tokens stop working.
#[utoipa::path(
    tag = "account-management",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "Logged out", body = SuccessResponse),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
    )
)]
#[post("/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    state.auth.logout(&caller).await?;
    Ok(HttpResponse::Ok().json(SuccessResponse::OK))
}
