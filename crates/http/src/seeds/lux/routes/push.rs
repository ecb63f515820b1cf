use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, JsonBody};
use crate::seeds::lux::LuxErrorBody;
use crate::seeds::lux::dto::{PUSH_TOKEN_UPDATED, SetPushTokenRequest};
use crate::state::AppState;

/// Store the FCM token of the caller's app install (one per session; it ends with the
/// session). Needs push consent.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    request_body = SetPushTokenRequest,
    responses(
        (status = 200, description = "Stored; the body is a JSON string", body = String,
            content_type = "application/json", example = json!("User push token updated")),
        (status = 400, description = "`Push permisson denied`: push notifications are not agreed to \
            (see `PATCH policy`); or `token is required`", body = LuxErrorBody,
            example = json!({"detail": "Push permisson denied"})),
        (status = 409, description = "`User push token update failed`: not an FCM token",
            body = LuxErrorBody, example = json!({"detail": "User push token update failed"})),
        (status = 401, description = "`Could not validate credentials`; `Token is expired`; \
            `User is None`; `User is Deleted`", body = LuxErrorBody),
    )
)]
#[post("/push/set-token")]
pub async fn set_push_token(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<SetPushTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let token = request.try_into_domain()?;
    state.push.set_token(&caller, token).await?;
    Ok(HttpResponse::Ok().json(PUSH_TOKEN_UPDATED))
}
