use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Client, JsonBody};
use crate::seeds::service_user::ServiceUserErrorBody;
use crate::seeds::service_user::dto::{FindRequest, FoundResponse, TokenQuery};
use crate::state::AppState;

/// Find the account of the address the code was sent to, proven by its password: its
/// `UserID` as `UID`. The code is spent whatever the password.
#[utoipa::path(
    tag = "service-user-account",
    params(TokenQuery),
    request_body = FindRequest,
    responses(
        (status = 200, description = "Found", body = FoundResponse),
        (status = 401, description = "A wrong or expired code (with `Auth`), or a wrong \
            password (`Not processed.`)", body = ServiceUserErrorBody,
            example = json!({"msg": "Account not found",
                "Auth": "Incorrect authentication information and timed out information"})),
        (status = 404, description = "The address has no account (deleted, or never created)",
            body = ServiceUserErrorBody, example = json!({"msg": "Account not found"})),
        (status = 429, description = "Too many wrong codes from this client", body = ServiceUserErrorBody),
    )
)]
#[post("/find")]
pub async fn find(
    state: web::Data<AppState>,
    Client(client): Client,
    query: web::Query<TokenQuery>,
    JsonBody(request): JsonBody<FindRequest>,
) -> Result<HttpResponse, ApiError> {
    let code = query.into_inner().code()?;
    let password = request.password()?;
    let public_id = state
        .email_codes
        .find_account(&code, &password, &client)
        .await?;
    Ok(HttpResponse::Ok().json(FoundResponse {
        uid: public_id.to_string(),
    }))
}
