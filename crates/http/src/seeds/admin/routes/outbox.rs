//! `/admin/outbox`: the depth of the outbox per channel and its dead messages, and re-queueing
//! one (ADMIN). The same use case serves `account-service outbox list|retry`.

use account_domain::outbox::Operator;
use actix_web::{HttpResponse, get, post, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::admin::dto::{OutboxMessagePath, OutboxResponse};
use crate::state::AppState;

/// Per channel, how many messages wait and how many are dead, and the newest 50 dead messages
/// with their last error (ADMIN). No recipient and no parameter is ever shown.
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "The outbox per channel and its dead messages", body = OutboxResponse),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Not ADMIN (`forbidden`)", body = AccountManagementErrorBody),
    )
)]
#[get("")]
pub async fn outbox(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let overview = state.outbox.overview(Operator::Caller(&caller)).await?;
    Ok(HttpResponse::Ok().json(OutboxResponse::from(overview)))
}

/// Put a dead message back in the queue, due now, its attempts starting again (ADMIN). Fix
/// the cause first; for a code older than its lifetime, have the user ask for a new one.
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    params(OutboxMessagePath),
    responses(
        (status = 204, description = "Queued again"),
        (status = 400, description = "The id is not an integer", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Not ADMIN (`forbidden`)", body = AccountManagementErrorBody),
        (status = 404, description = "No dead message has this id (`dead_message_not_found`)", body = AccountManagementErrorBody),
    )
)]
#[post("/{id}/retry")]
pub async fn retry(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<OutboxMessagePath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().try_into_domain()?;
    state.outbox.requeue(Operator::Caller(&caller), id).await?;
    Ok(HttpResponse::NoContent().finish())
}
