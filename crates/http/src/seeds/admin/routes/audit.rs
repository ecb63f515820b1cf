use actix_web::{HttpResponse, get, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::admin::dto::{AuditPageResponse, AuditSearchParams};
use crate::state::AppState;

/// The audit log of administrative actions, newest first, 20 a page (ADMIN): every given
/// filter must hold.
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    params(AuditSearchParams),
    responses(
        (status = 200, description = "One page of entries", body = AuditPageResponse),
        (status = 400, description = "A filter at fault (`invalidFields`)", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Not ADMIN (`forbidden`)", body = AccountManagementErrorBody),
    )
)]
#[get("/audit-log")]
pub async fn audit_log(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    params: web::Query<AuditSearchParams>,
) -> Result<HttpResponse, ApiError> {
    let query = params.into_inner().try_into_domain()?;
    let page = state.audit.find(&caller, &query).await?;
    Ok(HttpResponse::Ok().json(AuditPageResponse::new(page, &query)))
}
