use actix_web::{HttpResponse, delete, get, patch, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, Client, JsonBody};
use crate::seeds::accounts_roles::AccountsRolesErrorBody;
use crate::seeds::accounts_roles::dto::{
    AccountDetailResponse, AccountIdPath, AccountPatchRequest, AccountSummaryResponse,
};
use crate::state::AppState;

/// An account: for its owner, ADMIN and STAFF.
#[utoipa::path(
    tag = "accounts-roles",
    security(("bearer_auth" = [])),
    params(("accountId" = i64, Path, description = "The account's integer id")),
    responses(
        (status = 200, description = "The account", body = AccountDetailResponse),
        (status = 400, description = "`accountId` is not an integer",
            body = AccountsRolesErrorBody, example = json!({"invalidFields": ["accountId"]})),
        (status = 401, description = "No valid token", body = AccountsRolesErrorBody,
            example = json!({"message": "Unauthorized"})),
        (status = 403, description = "Neither the owner nor ADMIN or STAFF",
            body = AccountsRolesErrorBody),
        (status = 404, description = "`Account Not Found`; `Account Deleted`",
            body = AccountsRolesErrorBody, example = json!({"message": "Account Not Found"})),
    )
)]
#[get("/{accountId}")]
pub async fn read_account(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<AccountIdPath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let account = state.root_users.account_for(&caller, id).await?;
    let image = state.profile_images.uri_of(&account);
    Ok(HttpResponse::Ok().json(AccountDetailResponse::new(account, image)))
}

/// An account's name and image: for its owner, ADMIN and STAFF.
#[utoipa::path(
    tag = "accounts-roles",
    security(("bearer_auth" = [])),
    params(("accountId" = i64, Path, description = "The account's integer id")),
    responses(
        (status = 200, description = "The summary", body = AccountSummaryResponse),
        (status = 400, description = "`accountId` is not an integer", body = AccountsRolesErrorBody),
        (status = 401, description = "No valid token", body = AccountsRolesErrorBody),
        (status = 403, description = "Neither the owner nor ADMIN or STAFF",
            body = AccountsRolesErrorBody),
        (status = 404, description = "`Account Not Found`; `Account Deleted`",
            body = AccountsRolesErrorBody),
    )
)]
#[get("/{accountId}/summary")]
pub async fn read_account_summary(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<AccountIdPath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let account = state.root_users.account_for(&caller, id).await?;
    let image = state.profile_images.uri_of(&account);
    Ok(HttpResponse::Ok().json(AccountSummaryResponse::new(account, image)))
}

/// Change an account's name, gender or birth date (only the fields given): for its owner,
/// ADMIN and STAFF (a change of another's account is written to the audit log). Answers the
/// account as `GET` does.
#[utoipa::path(
    tag = "accounts-roles",
    security(("bearer_auth" = [])),
    params(("accountId" = i64, Path, description = "The account's integer id")),
    request_body = AccountPatchRequest,
    responses(
        (status = 200, description = "The account as changed", body = AccountDetailResponse),
        (status = 400, description = "Fields at fault: `name` (2 to 20 characters), `gender` \
            (`MALE`, `FEMALE`), `birthDate` (`yyyy-MM-dd`, not in the future)",
            body = AccountsRolesErrorBody, example = json!({"invalidFields": ["name", "birthDate"]})),
        (status = 401, description = "No valid token", body = AccountsRolesErrorBody),
        (status = 403, description = "Neither the owner nor ADMIN or STAFF",
            body = AccountsRolesErrorBody),
        (status = 404, description = "`Account Not Found`; `Account Deleted`",
            body = AccountsRolesErrorBody),
    )
)]
#[patch("/{accountId}")]
pub async fn change_account(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<AccountIdPath>,
    Client(client): Client,
    JsonBody(request): JsonBody<AccountPatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let patch = request.try_into_domain(state.clock.now().date_naive())?;
    let account = state
        .root_users
        .update_account(&caller, &client, id, patch)
        .await?;
    let image = state.profile_images.uri_of(&account);
    Ok(HttpResponse::Ok().json(AccountDetailResponse::new(account, image)))
}

/// Delete an account (softly: as a withdrawal, its sessions end and its history stays): for
/// its owner, ADMIN and STAFF (deleting another's account is written to the audit log).
#[utoipa::path(
    tag = "accounts-roles",
    security(("bearer_auth" = [])),
    params(("accountId" = i64, Path, description = "The account's integer id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`accountId` is not an integer", body = AccountsRolesErrorBody),
        (status = 401, description = "No valid token", body = AccountsRolesErrorBody),
        (status = 403, description = "Neither the owner nor ADMIN or STAFF",
            body = AccountsRolesErrorBody),
        (status = 404, description = "`Account Not Found`; `Account Deleted`: deleted already",
            body = AccountsRolesErrorBody),
    )
)]
#[delete("/{accountId}")]
pub async fn remove_account(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<AccountIdPath>,
    Client(client): Client,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    state
        .root_users
        .delete_account(&caller, &client, id)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
