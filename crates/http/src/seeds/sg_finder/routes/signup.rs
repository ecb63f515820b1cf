use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Client, JsonBody};
use crate::seeds::sg_finder::SgFinderErrorBody;
use crate::seeds::sg_finder::dto::{SignUpRequest, UserResponse};
use crate::seeds::sg_finder::error_mapping::sign_up_error;
use crate::state::AppState;

/// Sign up a user.
#[utoipa::path(
    tag = "sg-finder",
    request_body = SignUpRequest,
    responses(
        (status = 200, description = "Signed up", body = UserResponse, links(
            ("SignIn" = (operation_ref = "#/paths/~1user~1signin/post",
                request_body = json!({"userId": "$request.body#/userId",
                    "passwd": "$request.body#/passwd"}))),
        )),
        (status = 400, description = "An essential field missing, or not to the document's format \
            (byte limits, `yyyy-MM-dd`, a password of 8 to 128 characters that is not common)",
            body = SgFinderErrorBody, example = json!({"code": 400, "message": "bad request"})),
        (status = 409, description = "`userId` (or the email) taken",
            body = SgFinderErrorBody, example = json!({"code": 409, "message": "duplicated"})),
        (status = 429, description = "Too many sign-ups from this IP or for this address \
            (`Retry-After`)", body = SgFinderErrorBody),
    )
)]
#[post("/signup")]
pub async fn sign_up(
    state: web::Data<AppState>,
    Client(client): Client,
    JsonBody(request): JsonBody<SignUpRequest>,
) -> Result<HttpResponse, ApiError> {
    let command = request.try_into_domain(state.clock.now().date_naive())?;
    let account = state
        .accounts
        .register(command, &client)
        .await
        .map_err(sign_up_error)?;
    Ok(HttpResponse::Ok().json(UserResponse::from(account)))
}
