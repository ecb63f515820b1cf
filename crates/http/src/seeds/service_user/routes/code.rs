use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::Client;
use crate::seeds::service_user::ServiceUserErrorBody;
use crate::seeds::service_user::dto::{DoneResponse, EmailQuery};
use crate::state::AppState;

/// Email a code (10 characters, valid 10 minutes) to `Email`, whether or not it has an
/// account: it creates one (`add`), finds it (`find`), or confirms a deletion or a security
/// update. Another code goes to the same address 10 minutes after the last at the earliest.
#[utoipa::path(
    tag = "service-user-account",
    params(EmailQuery),
    responses(
        (status = 200, description = "Sent (the same answer for any address)", body = DoneResponse,
            example = json!({"msg": "Done!"})),
        (status = 400, description = "No `Email`, or not an address", body = ServiceUserErrorBody),
        (status = 429, description = "A code went there less than 10 minutes ago, or too many \
            requests: the wait in `Retry Time` (`mm:ss`) and `Retry-After` (seconds)",
            body = ServiceUserErrorBody,
            example = json!({"msg": "Not processed.", "Retry Time": "09:56"})),
    )
)]
#[post("/auth")]
pub async fn send_code(
    state: web::Data<AppState>,
    Client(client): Client,
    query: web::Query<EmailQuery>,
) -> Result<HttpResponse, ApiError> {
    let email = query.into_inner().try_into_domain()?;
    state.email_codes.send_code(&email, &client).await?;
    Ok(HttpResponse::Ok().json(DoneResponse::SENT))
}
