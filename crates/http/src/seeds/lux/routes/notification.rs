use actix_web::{HttpResponse, patch, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, JsonBody};
use crate::seeds::lux::LuxErrorBody;
use crate::seeds::lux::dto::{NotificationRequest, NotificationResponse};
use crate::state::AppState;

/// Set all three device alert switches. Each is `true`/`false` or `1`/`0`, and is answered
/// in the form it was sent.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    request_body = NotificationRequest,
    responses(
        (status = 200, description = "The stored switches", body = NotificationResponse),
        (status = 400, description = "A switch is missing, or not `true`, `false`, `1` or `0`",
            body = LuxErrorBody),
        (status = 404, description = "`User not found`: the account is gone", body = LuxErrorBody,
            example = json!({"detail": "User not found"})),
        (status = 401, description = "`Could not validate credentials`; `Token is expired`; \
            `User is None`; `User is Deleted`", body = LuxErrorBody),
    )
)]
#[patch("/notification")]
pub async fn update_notification(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<NotificationRequest>,
) -> Result<HttpResponse, ApiError> {
    let update = request.try_into_domain()?;
    let settings = state
        .notifications
        .update(caller.account_id, update.settings)
        .await?;
    Ok(HttpResponse::Ok().json(NotificationResponse::new(settings, update.forms)))
}
