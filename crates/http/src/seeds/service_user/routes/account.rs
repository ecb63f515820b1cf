use actix_web::{HttpResponse, delete, get, post, put, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, Client, JsonBody};
use crate::seeds::service_user::ServiceUserErrorBody;
use crate::seeds::service_user::dto::{
    AddRequest, AddedResponse, DoneResponse, InfoResponse, InfoUpdateRequest, TokenQuery,
};
use crate::state::AppState;

/// Create the account of the address the code was sent to (its email verified by the code),
/// and answer its `UserID`.
#[utoipa::path(
    tag = "service-user-account",
    params(TokenQuery),
    request_body = AddRequest,
    responses(
        (status = 200, description = "Created", body = AddedResponse),
        (status = 400, description = "A field missing or not to the format", body = ServiceUserErrorBody),
        (status = 401, description = "A wrong or expired code", body = ServiceUserErrorBody,
            example = json!({"msg": "Account not found",
                "Auth": "Incorrect authentication information and timed out information"})),
        (status = 409, description = "The address or the nickname has an account", body = ServiceUserErrorBody,
            example = json!({"msg": "Not processed."})),
        (status = 429, description = "Too many wrong codes from this client", body = ServiceUserErrorBody),
    )
)]
#[post("/add")]
pub async fn add(
    state: web::Data<AppState>,
    Client(client): Client,
    query: web::Query<TokenQuery>,
    JsonBody(request): JsonBody<AddRequest>,
) -> Result<HttpResponse, ApiError> {
    let code = query.into_inner().code()?;
    let details = request.try_into_domain()?;
    let account = state.email_codes.sign_up(&code, details, &client).await?;
    Ok(HttpResponse::Ok().json(AddedResponse::new(&account)))
}

/// Update the caller's personal information; every field may be left out.
#[utoipa::path(
    tag = "service-user-account",
    security(("bearer_auth" = [])),
    request_body = InfoUpdateRequest,
    responses(
        (status = 200, description = "Updated", body = DoneResponse, example = json!({"msg": "Done"})),
        (status = 400, description = "A field not to the format", body = ServiceUserErrorBody),
        (status = 401, description = "No valid bearer token", body = ServiceUserErrorBody),
        (status = 409, description = "Another account has the nickname", body = ServiceUserErrorBody,
            example = json!({"msg": "Not processed."})),
    )
)]
#[put("/update")]
pub async fn update_info(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<InfoUpdateRequest>,
) -> Result<HttpResponse, ApiError> {
    let info = request.try_into_domain()?;
    state.root_users.update_info(&caller, info).await?;
    Ok(HttpResponse::Ok().json(DoneResponse::DONE))
}

/// Delete the caller's account, confirmed by the code emailed to its address: log-in ends,
/// the data stays, and the user cannot restore it (an administrator can, for a while).
#[utoipa::path(
    tag = "service-user-account",
    security(("bearer_auth" = [])),
    params(TokenQuery),
    responses(
        (status = 200, description = "Deleted", body = DoneResponse, example = json!({"msg": "Done"})),
        (status = 401, description = "A wrong or expired code, or no valid bearer token",
            body = ServiceUserErrorBody,
            example = json!({"msg": "Account not found",
                "Auth": "Incorrect authentication information and timed out information"})),
        (status = 404, description = "Deleted already", body = ServiceUserErrorBody,
            example = json!({"msg": "Account not found"})),
        (status = 429, description = "Too many wrong codes from this client", body = ServiceUserErrorBody),
    )
)]
#[delete("/delete")]
pub async fn delete_account(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, ApiError> {
    let code = query.into_inner().code()?;
    state
        .email_codes
        .delete_account(&caller, &code, &client)
        .await?;
    Ok(HttpResponse::Ok().json(DoneResponse::DONE))
}

/// The caller's personal information, and when the account was created (`Join Time`, epoch
/// seconds).
#[utoipa::path(
    tag = "service-user-account",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "The information", body = InfoResponse),
        (status = 401, description = "No valid bearer token", body = ServiceUserErrorBody),
    )
)]
#[get("/info")]
pub async fn read_info(Authenticated(caller): Authenticated) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(InfoResponse::from(&caller.account)))
}
