use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{JsonBody, SessionTokenOnly};
use crate::seeds::sg_finder::SgFinderErrorBody;
use crate::seeds::sg_finder::dto::{PlayerResponse, RegisterGameRequest};
use crate::state::AppState;

/// Register the caller's game player under a nickname.
#[utoipa::path(
    tag = "sg-finder",
    security(("session_token" = [])),
    request_body = RegisterGameRequest,
    responses(
        (status = 200, description = "The new player", body = PlayerResponse),
        (status = 400, description = "`nickname` missing or over 50 bytes", body = SgFinderErrorBody),
        (status = 401, description = "No valid `session-token` (a `userId` header, when sent, \
            must be its user's)", body = SgFinderErrorBody),
        (status = 409, description = "The nickname is taken, or the user has a player already",
            body = SgFinderErrorBody, example = json!({"code": 409, "message": "duplicated"})),
    )
)]
#[post("/register/game")]
pub async fn register_game(
    state: web::Data<AppState>,
    SessionTokenOnly(caller): SessionTokenOnly,
    JsonBody(request): JsonBody<RegisterGameRequest>,
) -> Result<HttpResponse, ApiError> {
    let nickname = request.try_into_domain()?;
    let player = state.players.register(&caller, nickname).await?;
    Ok(HttpResponse::Ok().json(PlayerResponse::from(player)))
}
