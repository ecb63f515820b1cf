use actix_web::{HttpResponse, delete, get, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::account_management::dto::{
    RevokedSessionsResponse, SessionPath, SessionResponse, SuccessResponse,
};
use crate::state::AppState;

/// The caller's active sessions, newest first.
#[utoipa::path(
    tag = "account-management",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "Active sessions", body = [SessionResponse]),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
    )
)]
#[get("/sessions")]
pub async fn list_sessions(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let sessions = state.auth.list_sessions(&caller).await?;
    let body: Vec<SessionResponse> = sessions
        .into_iter()
        .map(|s| SessionResponse::new(s, &caller))
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

/// End one of the caller's sessions.
#[utoipa::path(
    tag = "account-management",
    security(("bearer_auth" = [])),
    params(("id" = i64, Path, description = "Session id, from the session list")),
    responses(
        (status = 200, description = "Session ended", body = SuccessResponse),
        (status = 400, description = "The id is not an integer", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 404, description = "Not an active session of the caller", body = AccountManagementErrorBody),
    )
)]
#[delete("/sessions/{id}")]
pub async fn revoke_session(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<SessionPath>,
) -> Result<HttpResponse, ApiError> {
    let session = path.into_inner().try_into_domain()?;
    state.auth.revoke_session(&caller, session).await?;
    Ok(HttpResponse::Ok().json(SuccessResponse::OK))
}

/// End every session of the caller except the current one.
#[utoipa::path(
    tag = "account-management",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "Other sessions ended", body = RevokedSessionsResponse),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
    )
)]
#[delete("/sessions")]
pub async fn revoke_other_sessions(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let revoked = state.auth.revoke_other_sessions(&caller).await?;
    Ok(HttpResponse::Ok().json(RevokedSessionsResponse {
        success: true,
        revoked,
    }))
}
