use actix_web::{HttpResponse, delete, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, OptionalJsonBody};
use crate::seeds::lux::LuxErrorBody;
use crate::seeds::lux::dto::{DeleteRealUserRequest, LuxStatusMessage};
use crate::state::AppState;

/// Delete a child user and release its device, together (the device can then be registered
/// again). `real_user_id` and `unique_id` come as query parameters, or in a JSON body (the
/// document's example), whose fields win; a request without a body needs no `Content-Type`.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    params(DeleteRealUserRequest),
    request_body(content = Option<DeleteRealUserRequest>, description = "The same fields as \
        the query parameters; optional"),
    responses(
        (status = 200, description = "Deleted", body = LuxStatusMessage,
            example = json!({"statusCode": 200, "message": "Real user deleted successfully"})),
        (status = 400, description = "A field missing from both query and body, or not of its \
            type: `real_user_id is required`", body = LuxErrorBody,
            example = json!({"detail": "real_user_id is required"})),
        (status = 401, description = "`Not authorized user`: another user's child; `Could not \
            validate credentials`; `Token is expired`; `User is None`; `User is Deleted`",
            body = LuxErrorBody, example = json!({"detail": "Not authorized user"})),
        (status = 404, description = "`Real user is not found`", body = LuxErrorBody,
            example = json!({"detail": "Real user is not found"})),
        (status = 409, description = "`Real user delete failed`: the device is not the child \
            user's", body = LuxErrorBody, example = json!({"detail": "Real user delete failed"})),
    )
)]
#[delete("/delete-real-user")]
pub async fn delete_real_user(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    query: web::Query<DeleteRealUserRequest>,
    OptionalJsonBody(body): OptionalJsonBody<DeleteRealUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.unwrap_or_default().or(query.into_inner());
    let deletion = request.try_into_domain()?;
    state
        .children
        .delete_with_device(&caller, deletion.id, &deletion.unique_id)
        .await?;
    Ok(HttpResponse::Ok().json(LuxStatusMessage::REAL_USER_DELETED))
}
