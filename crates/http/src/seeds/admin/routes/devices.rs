use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, JsonList};
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::seeds::admin::dto::{ProvisionDeviceRow, ProvisionResponse, batch_into_domain};
use crate::state::AppState;

/// Add devices to the inventory (SERVER or ADMIN), at most 1000 per call, in one transaction.
/// Rows whose serial code or unique id is known already are skipped and reported, so a batch
/// can be sent again safely.
#[utoipa::path(
    tag = "admin",
    security(("bearer_auth" = [])),
    request_body = Vec<ProvisionDeviceRow>,
    responses(
        (status = 201, description = "Provisioned; duplicates listed", body = ProvisionResponse),
        (status = 400, description = "An invalid row field (`invalid_fields`, e.g. `[3].serial_code`), \
            or more than 1000 rows (`batch_too_large`)", body = AccountManagementErrorBody),
        (status = 401, description = "Unauthorized", body = AccountManagementErrorBody),
        (status = 403, description = "Neither SERVER nor ADMIN (`forbidden`)", body = AccountManagementErrorBody),
    )
)]
#[post("")]
pub async fn provision_devices(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    JsonList(rows): JsonList<ProvisionDeviceRow>,
) -> Result<HttpResponse, ApiError> {
    state.devices.ensure_may_provision(&caller)?;
    let devices = batch_into_domain(rows)?;
    let report = state.devices.provision(&caller, devices).await?;
    Ok(HttpResponse::Created().json(ProvisionResponse::from(report)))
}
