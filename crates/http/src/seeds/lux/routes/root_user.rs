use actix_web::{HttpResponse, delete, patch, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, JsonBody};
use crate::seeds::lux::LuxErrorBody;
use crate::seeds::lux::dto::{LuxStatusMessage, RootUserPatchRequest, RootUserResponse};
use crate::state::AppState;

/// Change the caller's name, birthdate or gender; absent fields stay as they are.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    request_body = RootUserPatchRequest,
    responses(
        (status = 200, description = "The account as updated", body = RootUserResponse),
        (status = 400, description = "An invalid field, e.g. `gender must be one of M, F, N, P`",
            body = LuxErrorBody),
        (status = 401, description = "`User is None`: no such account; `User is Deleted`: the account \
            was withdrawn; `Could not validate credentials`; `Token is expired`",
            body = LuxErrorBody, example = json!({"detail": "User is None"})),
    )
)]
#[patch("/root-user")]
pub async fn update_root_user(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<RootUserPatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let patch = request.try_into_domain(state.clock.now().date_naive())?;
    let account = state
        .root_users
        .update_profile(caller.account_id, patch)
        .await?;
    Ok(HttpResponse::Ok().json(RootUserResponse::from(account)))
}

/// Withdraw: the account is deleted (softly: its history stays), its sessions end, and its
/// email and phone number are free for a new account.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "Deleted", body = LuxStatusMessage,
            example = json!({"statusCode": 200, "message": "Root user deleted"})),
        (status = 401, description = "`User is None`; `User is Deleted`: withdrawn already; \
            `Could not validate credentials`; `Token is expired`", body = LuxErrorBody),
    )
)]
#[delete("/root-user")]
pub async fn delete_root_user(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    state.root_users.withdraw(caller.account_id).await?;
    Ok(HttpResponse::Ok().json(LuxStatusMessage::ROOT_USER_DELETED))
}
