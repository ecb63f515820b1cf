use actix_web::{HttpResponse, get, patch, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, JsonBody};
use crate::seeds::lux::LuxErrorBody;
use crate::seeds::lux::dto::{RealUserPatchRequest, RealUserPath, RealUserResponse};
use crate::state::AppState;

/// A child user ("real user") of the caller; its id comes from `get-all-device`.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    params(("real_user_id" = i64, Path, description = "The child user's id")),
    responses(
        (status = 200, description = "The child user", body = RealUserResponse),
        (status = 400, description = "`real_user_id must be an integer`", body = LuxErrorBody),
        (status = 401, description = "`Not authorized user`: another user's child; `Could not \
            validate credentials`; `Token is expired`; `User is None`; `User is Deleted`",
            body = LuxErrorBody, example = json!({"detail": "Not authorized user"})),
        (status = 404, description = "`Real user is not found`", body = LuxErrorBody,
            example = json!({"detail": "Real user is not found"})),
    )
)]
#[get("/real-user/{real_user_id}")]
pub async fn get_real_user(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<RealUserPath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let child = state.children.get(&caller, id).await?;
    Ok(HttpResponse::Ok().json(RealUserResponse::from(child)))
}

/// Change a child user's name, birthdate or gender; absent fields stay as they are.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    params(("real_user_id" = i64, Path, description = "The child user's id")),
    request_body = RealUserPatchRequest,
    responses(
        (status = 200, description = "The child user as updated", body = RealUserResponse),
        (status = 400, description = "An invalid field, or a body `id` other than the path's",
            body = LuxErrorBody),
        (status = 401, description = "`Not authorized user`: another user's child; `Could not \
            validate credentials`; `Token is expired`; `User is None`; `User is Deleted`",
            body = LuxErrorBody, example = json!({"detail": "Not authorized user"})),
        (status = 404, description = "`Real user is not found`", body = LuxErrorBody,
            example = json!({"detail": "Real user is not found"})),
    )
)]
#[patch("/real-user/{real_user_id}")]
pub async fn update_real_user(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<RealUserPath>,
    JsonBody(request): JsonBody<RealUserPatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    let patch = request.try_into_domain(id, state.clock.now().date_naive())?;
    let child = state.children.update(&caller, id, patch).await?;
    Ok(HttpResponse::Ok().json(RealUserResponse::from(child)))
}
