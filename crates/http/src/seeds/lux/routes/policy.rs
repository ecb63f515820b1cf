use actix_web::{HttpResponse, get, patch, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, Client, JsonBody};
use crate::seeds::lux::LuxErrorBody;
use crate::seeds::lux::dto::{ConsentHistoryEntry, PolicyPatchRequest, PolicyResponse};
use crate::state::AppState;

/// Agree to (or withdraw from) push notifications and marketing messages. Each change is
/// dated and kept in the consent history; withdrawing push consent forgets the push tokens.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    request_body = PolicyPatchRequest,
    responses(
        (status = 200, description = "The caller's consents", body = PolicyResponse),
        (status = 400, description = "A value that is not a boolean", body = LuxErrorBody),
        (status = 404, description = "`User not found`: the account is gone", body = LuxErrorBody,
            example = json!({"detail": "User not found"})),
        (status = 401, description = "`Could not validate credentials`; `Token is expired`; \
            `User is None`; `User is Deleted`", body = LuxErrorBody),
    )
)]
#[patch("/policy")]
pub async fn update_policy(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    JsonBody(request): JsonBody<PolicyPatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let policy = state
        .policies
        .update(&caller, request.into(), &client)
        .await?;
    Ok(HttpResponse::Ok().json(PolicyResponse::from(policy)))
}

/// The caller's consent history: every change of a consent, oldest first.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "The consent changes, oldest first", body = [ConsentHistoryEntry]),
        (status = 401, description = "`Could not validate credentials`; `Token is expired`; \
            `User is None`; `User is Deleted`", body = LuxErrorBody),
    )
)]
#[get("/policy/history")]
pub async fn policy_history(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let history = state
        .policies
        .consent_history(&caller, caller.account_id)
        .await?;
    let body: Vec<ConsentHistoryEntry> = history.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}
