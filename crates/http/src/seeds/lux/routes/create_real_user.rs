use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, Client, JsonBody};
use crate::seeds::lux::LuxErrorBody;
use crate::seeds::lux::dto::{CreateRealUserRequest, CreateRealUserResponse};
use crate::state::AppState;

/// Create a child user ("real user") of the caller and register its device, together: if the
/// device cannot be claimed, no child user is created.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    request_body = CreateRealUserRequest,
    responses(
        (status = 200, description = "The child user and its device", body = CreateRealUserResponse),
        (status = 400, description = "`Serial code is not valid`; or a missing or invalid field",
            body = LuxErrorBody, example = json!({"detail": "Serial code is not valid"})),
        (status = 401, description = "`Not authorized user`: the caller is not a user with child \
            users; `Could not validate credentials`; `Token is expired`; `User is None`; \
            `User is Deleted`", body = LuxErrorBody, example = json!({"detail": "Not authorized user"})),
        (status = 404, description = "`Not Found Device`: no device has this serial code, MAC id \
            and unique id", body = LuxErrorBody, example = json!({"detail": "Not Found Device"})),
        (status = 409, description = "`Already Connected Device`: the device belongs to another \
            child user", body = LuxErrorBody, example = json!({"detail": "Already Connected Device"})),
        (status = 429, description = "`Too many requests`: too many claims naming no device from \
            this account or IP (`Retry-After`)", body = LuxErrorBody,
            example = json!({"detail": "Too many requests"})),
    )
)]
#[post("/create-real-user")]
pub async fn create_real_user(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    JsonBody(request): JsonBody<CreateRealUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let command = request.try_into_domain(state.clock.now().date_naive())?;
    let created = state
        .children
        .create_with_device(&caller, command, &client)
        .await?;
    Ok(HttpResponse::Ok().json(CreateRealUserResponse::from(created)))
}
