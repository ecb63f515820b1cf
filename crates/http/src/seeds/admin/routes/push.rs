//! `POST /admin/push`: a push to a root user's installs (SERVER, ADMIN). Consent, the mute
//! switch and what is queued are the domain's decisions (`account_domain::push`).

use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, JsonBody};
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::admin::dto::{PushSendRequest, PushSendResponse};
use crate::state::AppState;

/// Send a push to a root user's installs (SERVER, ADMIN): one message per signed-in install,
/// if the account agreed to pushes (and to marketing, for `marketing`) and did not mute its
/// devices. Answers what was queued and what was skipped, and why.
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    request_body = PushSendRequest,
    responses(
        (status = 200, description = "Queued and skipped installs", body = PushSendResponse),
        (status = 400, description = "A field at fault (`invalid_fields`)", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Neither SERVER nor ADMIN (`forbidden`)", body = AccountManagementErrorBody),
        (status = 404, description = "No such account (`account_not_found`)", body = AccountManagementErrorBody),
        (status = 409, description = "The account is deleted (`account_deleted`)", body = AccountManagementErrorBody),
    )
)]
#[post("/push")]
pub async fn send_push(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<PushSendRequest>,
) -> Result<HttpResponse, ApiError> {
    state.push_sends.ensure_may_send(&caller)?;
    let request = request.try_into_domain()?;
    let report = state.push_sends.send(&caller, request).await?;
    Ok(HttpResponse::Ok().json(PushSendResponse::from(report)))
}
