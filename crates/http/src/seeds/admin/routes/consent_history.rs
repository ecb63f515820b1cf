use actix_web::{HttpResponse, get, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::admin::dto::{AccountPath, ConsentRecordResponse};
use crate::state::AppState;

/// An account's consent history, oldest first: for ADMIN, and for the account itself.
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    params(("id" = i64, Path, description = "Account id")),
    responses(
        (status = 200, description = "The consent changes, oldest first", body = [ConsentRecordResponse]),
        (status = 400, description = "The id is not an integer", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Not ADMIN and not the account itself (`forbidden`)", body = AccountManagementErrorBody),
    )
)]
#[get("/{id}/consent-history")]
pub async fn consent_history(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<AccountPath>,
) -> Result<HttpResponse, ApiError> {
    let account = path.into_inner().try_into_domain()?;
    let history = state.policies.consent_history(&caller, account).await?;
    let body: Vec<ConsentRecordResponse> = history.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}
