use actix_web::{HttpResponse, get, web};

use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::lux::LuxErrorBody;
use crate::seeds::lux::dto::MeResponse;
use crate::state::AppState;

/// The caller's account: profile, notification switches, and whether the password is older
/// than 90 days (`need_to_pwd_change`) or a required profile field is missing
/// (`need_personal_info_update`).
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "The caller's account", body = MeResponse),
        (status = 401, description = "`User is None`: no such account; `User is Deleted`: the account \
            was withdrawn; `Could not validate credentials`; `Token is expired`",
            body = LuxErrorBody, example = json!({"detail": "User is None"})),
    )
)]
#[get("/me")]
pub async fn me(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let view = state.root_users.me_of(caller.account).await?;
    Ok(HttpResponse::Ok().json(MeResponse::from(view)))
}
