use account_domain::accounts::AdministrationError;
use actix_web::{HttpResponse, get, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::accounts_roles::AccountsRolesErrorBody;
use crate::seeds::accounts_roles::dto::{AccountSummaryResponse, UserIdPath};
use crate::seeds::accounts_roles::error_mapping::user_not_found;
use crate::state::AppState;

/// A user's public profile (name and image): for any signed-in account.
#[utoipa::path(
    tag = "accounts-roles",
    security(("bearer_auth" = [])),
    params(("userId" = i64, Path, description = "The user's integer id")),
    responses(
        (status = 200, description = "The profile", body = AccountSummaryResponse),
        (status = 400, description = "`userId` is not an integer", body = AccountsRolesErrorBody),
        (status = 401, description = "No valid token", body = AccountsRolesErrorBody),
        (status = 404, description = "No such user, or deleted", body = AccountsRolesErrorBody,
            example = json!({"message": "User Not Found"})),
    )
)]
#[get("/{userId}/profile")]
pub async fn read_user_profile(
    state: web::Data<AppState>,
    Authenticated(_caller): Authenticated,
    path: web::Path<UserIdPath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let account = state
        .root_users
        .public_profile(id)
        .await
        .map_err(|error| match error {
            AdministrationError::NotFound | AdministrationError::Deleted => user_not_found(),
            other => other.into(),
        })?;
    let image = state.profile_images.uri_of(&account);
    Ok(HttpResponse::Ok().json(AccountSummaryResponse::new(account, image)))
}
