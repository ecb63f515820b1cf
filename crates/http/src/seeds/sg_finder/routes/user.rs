use actix_web::{HttpResponse, delete, get, put, web};

use crate::errors::ApiError;
use crate::extract::{Client, JsonBody, SessionTokenCaller};
use crate::seeds::sg_finder::SgFinderErrorBody;
use crate::seeds::sg_finder::dto::{
    UpdateUserRequest, UserDetailResponse, UserIdPath, UserResponse,
};
use crate::state::AppState;

/// A user, with their game nickname (`"0"` before a player is registered): for the user
/// themselves, ADMIN and STAFF.
#[utoipa::path(
    tag = "sg-finder",
    security(("session_token" = [], "user_id" = [])),
    params(("userId" = String, Path, description = "The user's login id")),
    responses(
        (status = 200, description = "The user", body = UserDetailResponse),
        (status = 400, description = "Not a possible `userId`", body = SgFinderErrorBody),
        (status = 401, description = "No valid `session-token` for the `userId` header",
            body = SgFinderErrorBody),
        (status = 403, description = "Another user's `userId` (only ADMIN and STAFF may)",
            body = SgFinderErrorBody),
        (status = 404, description = "No such user", body = SgFinderErrorBody),
    )
)]
#[get("/{userId}")]
pub async fn read_user(
    state: web::Data<AppState>,
    SessionTokenCaller(caller): SessionTokenCaller,
    path: web::Path<UserIdPath>,
) -> Result<HttpResponse, ApiError> {
    let login_id = path.into_inner().try_into_domain()?;
    let account = state
        .root_users
        .account_by_login_id(&caller, &login_id)
        .await?;
    let player = state.players.player_of(account.id).await?;
    Ok(HttpResponse::Ok().json(UserDetailResponse::new(account, player)))
}

/// Replace a user's profile (every field): a new `passwd` ends the user's other sessions, a
/// new `email` is unverified until the code sent to it is confirmed.
#[utoipa::path(
    tag = "sg-finder",
    security(("session_token" = [], "user_id" = [])),
    params(("userId" = String, Path, description = "The user's login id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, description = "The user as changed", body = UserResponse),
        (status = 400, description = "An essential field missing or not to the format",
            body = SgFinderErrorBody),
        (status = 401, description = "No valid `session-token` for the `userId` header",
            body = SgFinderErrorBody),
        (status = 403, description = "Another user's `userId`", body = SgFinderErrorBody),
        (status = 404, description = "No such user", body = SgFinderErrorBody),
        (status = 409, description = "The new email belongs to another account",
            body = SgFinderErrorBody),
    )
)]
#[put("/{userId}")]
pub async fn replace_user(
    state: web::Data<AppState>,
    SessionTokenCaller(caller): SessionTokenCaller,
    Client(client): Client,
    path: web::Path<UserIdPath>,
    JsonBody(request): JsonBody<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let login_id = path.into_inner().try_into_domain()?;
    let replacement = request.try_into_domain(state.clock.now().date_naive())?;
    let account = state
        .root_users
        .account_by_login_id(&caller, &login_id)
        .await?;
    let (account, _) = state
        .account_editor
        .replace(&caller, account.id, replacement, &client)
        .await?;
    Ok(HttpResponse::Ok().json(UserResponse::from(account)))
}

/// Delete a user (softly: sign-in ends, the history stays).
#[utoipa::path(
    tag = "sg-finder",
    security(("session_token" = [], "user_id" = [])),
    params(("userId" = String, Path, description = "The user's login id")),
    responses(
        (status = 200, description = "Deleted (no body)"),
        (status = 400, description = "Not a possible `userId`", body = SgFinderErrorBody),
        (status = 401, description = "No valid `session-token` for the `userId` header",
            body = SgFinderErrorBody),
        (status = 403, description = "Another user's `userId`", body = SgFinderErrorBody),
        (status = 404, description = "No such user", body = SgFinderErrorBody),
    )
)]
#[delete("/{userId}")]
pub async fn delete_user(
    state: web::Data<AppState>,
    SessionTokenCaller(caller): SessionTokenCaller,
    path: web::Path<UserIdPath>,
    Client(client): Client,
) -> Result<HttpResponse, ApiError> {
    let login_id = path.into_inner().try_into_domain()?;
    let account = state
        .root_users
        .account_by_login_id(&caller, &login_id)
        .await?;
    state
        .root_users
        .delete_account(&caller, &client, account.id)
        .await?;
    Ok(HttpResponse::Ok().finish())
}
