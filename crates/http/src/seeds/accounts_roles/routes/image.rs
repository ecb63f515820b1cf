use actix_web::{HttpResponse, delete, get, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::accounts_roles::AccountsRolesErrorBody;
use crate::seeds::accounts_roles::dto::{AccountIdPath, SignedPutUrlQuery};
use crate::state::AppState;

/// A URL to `PUT` the account's profile image to (`text/plain;charset=UTF-8`), for its owner,
/// ADMIN and STAFF. The upload must carry `Content-Type` of the file's type (`image/png`,
/// `image/jpeg`, `image/gif`) and, when `size` was given, exactly that `Content-Length`; the URL
/// expires after `profile_image_url_ttl_secs`. The account's `profileImgUri` points at the new
/// image from now on; the previous image is deleted.
#[utoipa::path(
    tag = "accounts-roles",
    security(("bearer_auth" = [])),
    params(
        ("accountId" = i64, Path, description = "The account's integer id"),
        SignedPutUrlQuery,
    ),
    responses(
        (status = 200, description = "The URL to PUT the image to", body = String,
            content_type = "text/plain;charset=UTF-8",
            example = "http://127.0.0.1:8080/profile-images/1/2mX...Q.png?expires=1796029200&type=png&maxLength=5242880&signature=..."),
        (status = 400, description = "`filename` missing or not png, jpg, jpeg or gif; `size` \
            not a whole number, 0 or over the cap, or missing where the store needs it",
            body = AccountsRolesErrorBody, example = json!({"invalidFields": ["filename"]})),
        (status = 401, description = "No valid token", body = AccountsRolesErrorBody),
        (status = 403, description = "Neither the owner nor ADMIN or STAFF",
            body = AccountsRolesErrorBody),
        (status = 404, description = "`Account Not Found`; `Account Deleted`",
            body = AccountsRolesErrorBody),
    )
)]
#[get("/{accountId}/profile/image/signed-put-url")]
pub async fn signed_put_url(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<AccountIdPath>,
    query: web::Query<SignedPutUrlQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let size = query.size()?;
    let url = state
        .profile_images
        .signed_upload_url(&caller, id, query.filename.as_deref(), size)
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain;charset=UTF-8")
        .body(url))
}

/// Delete the account's profile image (`profileImgUri` becomes absent); also when it has none.
/// For its owner, ADMIN and STAFF.
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
        (status = 404, description = "`Account Not Found`; `Account Deleted`",
            body = AccountsRolesErrorBody),
    )
)]
#[delete("/{accountId}/profile/image")]
pub async fn delete_image(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<AccountIdPath>,
) -> Result<HttpResponse, ApiError> {
    remove(state, caller, path).await
}

/// The same as `DELETE /accounts/{accountId}/profile/image`, at the path the document prints.
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
        (status = 404, description = "`Account Not Found`; `Account Deleted`",
            body = AccountsRolesErrorBody),
    )
)]
#[delete("/{accountId}/profile/imag")]
pub async fn delete_image_as_printed(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<AccountIdPath>,
) -> Result<HttpResponse, ApiError> {
    remove(state, caller, path).await
}

async fn remove(
    state: web::Data<AppState>,
    caller: account_domain::auth::Principal,
    path: web::Path<AccountIdPath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    state.profile_images.delete_image(&caller, id).await?;
    Ok(HttpResponse::NoContent().finish())
}
