use actix_web::{HttpResponse, get, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::lux::LuxErrorBody;
use crate::seeds::lux::dto::DeviceResponse;
use crate::state::AppState;

/// The caller's devices, each with the child user it is registered to, by device id.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "The caller's devices", body = [DeviceResponse]),
        (status = 401, description = "`Could not validate credentials`; `Token is expired`; \
            `User is None`; `User is Deleted`", body = LuxErrorBody),
    )
)]
#[get("/get-all-device")]
pub async fn get_all_device(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let devices = state.devices.devices_of(&caller).await?;
    let body: Vec<DeviceResponse> = devices.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}
