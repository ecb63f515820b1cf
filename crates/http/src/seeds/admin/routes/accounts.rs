//! `/admin/accounts`: list and search (ADMIN, STAFF), read one, change roles, ban and un-ban,
//! restore (ADMIN). Who may, and what each change cascades to, is decided by
//! `account_domain::admin`; every change is written to the audit log.

use actix_web::{HttpResponse, delete, get, post, put, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, Client, JsonBody};
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::admin::dto::{
    AccountPageResponse, AccountPath, AccountSearchParams, AdminAccountResponse, RolesRequest,
};
use crate::state::AppState;

/// List and search accounts, by id, 20 a page: every given filter must hold (ADMIN, STAFF).
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    params(AccountSearchParams),
    responses(
        (status = 200, description = "One page of matching accounts", body = AccountPageResponse),
        (status = 400, description = "A filter at fault (`invalidFields`)", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Neither ADMIN nor STAFF (`forbidden`)", body = AccountManagementErrorBody),
    )
)]
#[get("")]
pub async fn search_accounts(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    params: web::Query<AccountSearchParams>,
) -> Result<HttpResponse, ApiError> {
    let query = params.into_inner().try_into_domain()?;
    let page = state.admin.search(&caller, &query).await?;
    let retention = state.admin.retention();
    Ok(HttpResponse::Ok().json(AccountPageResponse::new(page, &query, retention)))
}

/// One account whatever its state (ADMIN, STAFF).
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    params(("id" = i64, Path, description = "Account id")),
    responses(
        (status = 200, description = "The account", body = AdminAccountResponse),
        (status = 400, description = "The id is not an integer", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Neither ADMIN nor STAFF (`forbidden`)", body = AccountManagementErrorBody),
        (status = 404, description = "No such account (`account_not_found`)", body = AccountManagementErrorBody),
    )
)]
#[get("/{id}")]
pub async fn find_account(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<AccountPath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let account = state.admin.account(&caller, id).await?;
    Ok(HttpResponse::Ok().json(AdminAccountResponse::new(account, state.admin.retention())))
}

/// Replace an account's roles (ADMIN). USER is always among them; the last ADMIN who can sign
/// in keeps ADMIN. The change applies to the account's tokens at once.
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    params(("id" = i64, Path, description = "Account id")),
    request_body = RolesRequest,
    responses(
        (status = 200, description = "The account with its new roles", body = AdminAccountResponse),
        (status = 400, description = "An unknown role (`invalid_request`), or no USER (`invalid_fields`)", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Not ADMIN (`forbidden`)", body = AccountManagementErrorBody),
        (status = 404, description = "No such account (`account_not_found`)", body = AccountManagementErrorBody),
        (status = 409, description = "Deleted (`account_deleted`), or the last ADMIN (`last_admin`)", body = AccountManagementErrorBody),
    )
)]
#[put("/{id}/roles")]
pub async fn set_roles(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<AccountPath>,
    JsonBody(request): JsonBody<RolesRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let roles = request.try_into_domain()?;
    let account = state.admin.set_roles(&caller, &client, id, roles).await?;
    Ok(HttpResponse::Ok().json(AdminAccountResponse::new(account, state.admin.retention())))
}

/// Ban an account (ADMIN): it can no longer sign in or use its tokens, and every session
/// ends. Banning a banned account changes nothing.
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    params(("id" = i64, Path, description = "Account id")),
    responses(
        (status = 200, description = "The banned account", body = AdminAccountResponse),
        (status = 400, description = "The id is not an integer", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Not ADMIN (`forbidden`)", body = AccountManagementErrorBody),
        (status = 404, description = "No such account (`account_not_found`)", body = AccountManagementErrorBody),
        (status = 409, description = "Deleted (`account_deleted`), the caller's own (`own_account`), or the last ADMIN (`last_admin`)", body = AccountManagementErrorBody),
    )
)]
#[post("/{id}/ban")]
pub async fn ban(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<AccountPath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let account = state.admin.ban(&caller, &client, id).await?;
    Ok(HttpResponse::Ok().json(AdminAccountResponse::new(account, state.admin.retention())))
}

/// Lift an account's ban (ADMIN); its old sessions stay ended.
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    params(("id" = i64, Path, description = "Account id")),
    responses(
        (status = 200, description = "The account, no longer banned", body = AdminAccountResponse),
        (status = 400, description = "The id is not an integer", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Not ADMIN (`forbidden`)", body = AccountManagementErrorBody),
        (status = 404, description = "No such account (`account_not_found`)", body = AccountManagementErrorBody),
        (status = 409, description = "Deleted (`account_deleted`)", body = AccountManagementErrorBody),
    )
)]
#[delete("/{id}/ban")]
pub async fn unban(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<AccountPath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let account = state.admin.unban(&caller, &client, id).await?;
    Ok(HttpResponse::Ok().json(AdminAccountResponse::new(account, state.admin.retention())))
}

/// Restore a deleted account within the retention period (ADMIN). Its sessions stay ended and
/// its child users deleted; its email, login id and phone come back unless a live account took
/// one meanwhile.
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    params(("id" = i64, Path, description = "Account id")),
    responses(
        (status = 200, description = "The restored account", body = AdminAccountResponse),
        (status = 400, description = "The id is not an integer", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Not ADMIN (`forbidden`)", body = AccountManagementErrorBody),
        (status = 404, description = "No such account (`account_not_found`)", body = AccountManagementErrorBody),
        (status = 409, description = "Not deleted (`account_not_deleted`), an identifier taken meanwhile (`identifier_taken`)", body = AccountManagementErrorBody),
        (status = 410, description = "The retention period is over (`retention_over`)", body = AccountManagementErrorBody),
    )
)]
#[post("/{id}/restore")]
pub async fn restore(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<AccountPath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let account = state.admin.restore(&caller, &client, id).await?;
    Ok(HttpResponse::Ok().json(AdminAccountResponse::new(account, state.admin.retention())))
}
