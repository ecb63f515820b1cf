use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::accounts_roles::AccountsRolesErrorBody;
use crate::state::AppState;

/// End the caller's session: its refresh token and its access tokens stop working.
#[utoipa::path(
    tag = "accounts-roles",
    security(("bearer_auth" = [])),
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, description = "No valid token (also a session that ended already)",
            body = AccountsRolesErrorBody, example = json!({"message": "Unauthorized"})),
    )
)]
#[post("/logout")]
pub async fn end_session(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    state.auth.logout(&caller).await?;
    Ok(HttpResponse::NoContent().finish())
}
