use actix_web::{HttpResponse, get, post, web};

use crate::errors::ApiError;
use crate::extract::{Client, JsonBody, SessionTokenCaller};
use crate::seeds::sg_finder::SgFinderErrorBody;
use crate::seeds::sg_finder::dto::{
    DupResponse, SessionTokenResponse, SignInRequest, SignedOutResponse, UserIdPath,
};
use crate::seeds::sg_finder::error_mapping::sign_in_error;
use crate::state::AppState;

/// Sign in: a session token for the `session-token` header, with `userId`.
#[utoipa::path(
    tag = "sg-finder",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in", body = SessionTokenResponse, links(
            ("ReadUser" = (operation_ref = "#/paths/~1user~1{userId}/get", parameters(
                ("path.userId" = "$request.body#/userId"),
                ("header.userId" = "$request.body#/userId"),
                ("header.session-token" = "$response.body#/session-token")))),
            ("ReplaceUser" = (operation_ref = "#/paths/~1user~1{userId}/put", parameters(
                ("path.userId" = "$request.body#/userId"),
                ("header.userId" = "$request.body#/userId"),
                ("header.session-token" = "$response.body#/session-token")))),
            ("DeleteUser" = (operation_ref = "#/paths/~1user~1{userId}/delete", parameters(
                ("path.userId" = "$request.body#/userId"),
                ("header.userId" = "$request.body#/userId"),
                ("header.session-token" = "$response.body#/session-token")))),
            ("RegisterGame" = (operation_ref = "#/paths/~1user~1register~1game/post", parameters(
                ("header.session-token" = "$response.body#/session-token")))),
        )),
        (status = 400, description = "An essential field missing", body = SgFinderErrorBody),
        (status = 401, description = "No such user, or a wrong password (one answer for both)",
            body = SgFinderErrorBody, example = json!({"code": 401, "message": "unauthorized"})),
        (status = 429, description = "Too many failed sign-ins (`Retry-After`)",
            body = SgFinderErrorBody),
    )
)]
#[post("/signin")]
pub async fn sign_in(
    state: web::Data<AppState>,
    Client(client): Client,
    JsonBody(request): JsonBody<SignInRequest>,
) -> Result<HttpResponse, ApiError> {
    let command = request.try_into_domain(client)?;
    let grant = state
        .auth
        .sign_in_with_session_token(command)
        .await
        .map_err(sign_in_error)?;
    Ok(HttpResponse::Ok().json(SessionTokenResponse {
        session_token: grant.token,
    }))
}

/// Sign out: the session token stops working.
#[utoipa::path(
    tag = "sg-finder",
    security(("session_token" = [], "user_id" = [])),
    responses(
        (status = 200, description = "Signed out", body = SignedOutResponse),
        (status = 401, description = "No valid `session-token` for this `userId`",
            body = SgFinderErrorBody),
    )
)]
#[get("/signout")]
pub async fn sign_out(
    state: web::Data<AppState>,
    SessionTokenCaller(caller): SessionTokenCaller,
) -> Result<HttpResponse, ApiError> {
    state.auth.logout(&caller).await?;
    Ok(HttpResponse::Ok().json(SignedOutResponse {
        expired_token: true,
    }))
}

/// Whether a `userId` is taken.
#[utoipa::path(
    tag = "sg-finder",
    params(("userId" = String, Path, description = "The login id to check")),
    responses(
        (status = 200, description = "Taken or not", body = DupResponse),
        (status = 400, description = "Not a possible `userId`", body = SgFinderErrorBody),
        (status = 429, description = "Too many checks from this IP (`Retry-After`)",
            body = SgFinderErrorBody),
    )
)]
#[get("/checkDup/{userId}")]
pub async fn check_dup(
    state: web::Data<AppState>,
    Client(client): Client,
    path: web::Path<UserIdPath>,
) -> Result<HttpResponse, ApiError> {
    let login_id = path.into_inner().try_into_domain()?;
    let is_dup = state.accounts.login_id_taken(&login_id, &client).await?;
    Ok(HttpResponse::Ok().json(DupResponse { is_dup }))
}
