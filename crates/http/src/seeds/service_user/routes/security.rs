use actix_web::{HttpResponse, put, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, Client, JsonBody};
use crate::seeds::service_user::ServiceUserErrorBody;
use crate::seeds::service_user::dto::{DoneResponse, SecurityRequest, TokenQuery};
use crate::state::AppState;

/// Change the caller's password, or keep a social log-in on the account, confirmed by the
/// code emailed to its address. A new password ends the caller's other sessions. A social
/// log-in is accepted only when this account signed in with it through the provider's
/// sign-in flow (`GET /account/login/oauth2/authorization/{registrationId}`), never on the
/// client's word.
#[utoipa::path(
    tag = "service-user-account",
    security(("bearer_auth" = [])),
    params(TokenQuery),
    request_body = SecurityRequest,
    responses(
        (status = 200, description = "Updated", body = DoneResponse, example = json!({"msg": "Done"})),
        (status = 400, description = "Nothing to change, or a field not to the format",
            body = ServiceUserErrorBody),
        (status = 401, description = "A wrong or expired code, or no valid bearer token",
            body = ServiceUserErrorBody,
            example = json!({"msg": "Account not found",
                "Auth": "Incorrect authentication information and timed out information"})),
        (status = 403, description = "The social log-in was not proven by this account",
            body = ServiceUserErrorBody, example = json!({"msg": "Not processed."})),
        (status = 404, description = "Deleted meanwhile", body = ServiceUserErrorBody,
            example = json!({"msg": "Account not found"})),
        (status = 429, description = "Too many wrong codes from this client", body = ServiceUserErrorBody),
    )
)]
#[put("/auth/update")]
pub async fn update_security(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    query: web::Query<TokenQuery>,
    JsonBody(request): JsonBody<SecurityRequest>,
) -> Result<HttpResponse, ApiError> {
    let code = query.into_inner().code()?;
    let update = request.try_into_domain()?;
    state
        .email_codes
        .update_security(&caller, &code, update, &client)
        .await?;
    Ok(HttpResponse::Ok().json(DoneResponse::DONE))
}
