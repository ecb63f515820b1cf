use actix_web::{HttpResponse, post, web};

use crate::errors::ApiError;
use crate::extract::{Authenticated, Client, JsonBody};
use crate::seeds::lux::LuxErrorBody;
use crate::seeds::lux::dto::{ChangePhoneRequest, LuxStatusMessage, SendSmsRequest};
use crate::seeds::lux::previously_deleted;
use crate::state::AppState;

/// Send a six-digit code by SMS to the number the caller wants as their phone (the step
/// before `change-phone`). The code is valid for 10 minutes; a new one can be sent after the
/// cooldown given in `Retry-After`.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    request_body = SendSmsRequest,
    responses(
        (status = 200, description = "Sent", body = LuxStatusMessage,
            example = json!({"statusCode": 200, "message": "SMS sent"})),
        (status = 400, description = "Not an E.164 phone number", body = LuxErrorBody,
            example = json!({"detail": "Phone must be in E.164 form, for example +821012345678"})),
        (status = 403, description = "`User previously deleted`", body = LuxErrorBody),
        (status = 429, description = "A code was sent to this number recently, or too many codes \
            were requested; retry after `Retry-After` seconds", body = LuxErrorBody,
            example = json!({"detail": "SMS was sent recently. Please try again later."})),
        (status = 401, description = "`Could not validate credentials`; `Token is expired`; \
            `User is None`", body = LuxErrorBody),
    )
)]
#[post("/send-sms")]
pub async fn send_sms(
    state: web::Data<AppState>,
    caller: Result<Authenticated, ApiError>,
    Client(client): Client,
    JsonBody(request): JsonBody<SendSmsRequest>,
) -> Result<HttpResponse, ApiError> {
    let Authenticated(caller) = caller.map_err(previously_deleted)?;
    let phone = request.try_into_domain()?;
    state
        .verification
        .send_phone_code(caller.account_id, &phone, &client)
        .await?;
    Ok(HttpResponse::Ok().json(LuxStatusMessage::SMS_SENT))
}

/// Make the number the caller's checked phone, with the code `send-sms` sent to it.
#[utoipa::path(
    tag = "lux",
    security(("bearer_auth" = [])),
    request_body = ChangePhoneRequest,
    responses(
        (status = 200, description = "Changed", body = LuxStatusMessage,
            example = json!({"statusCode": 200, "message": "Root user phone updated"})),
        (status = 400, description = "`Validation code is expired` (also when its attempts are used \
            up: request a new code); `Validation code is invalid` (also when `validnum` is \
            missing); or not an E.164 phone number", body = LuxErrorBody,
            example = json!({"detail": "Validation code is expired"})),
        (status = 403, description = "`User previously deleted`", body = LuxErrorBody,
            example = json!({"detail": "User previously deleted"})),
        (status = 409, description = "`Phone number is already registered`", body = LuxErrorBody,
            example = json!({"detail": "Phone number is already registered"})),
        (status = 429, description = "Too many wrong codes from this client; retry after \
            `Retry-After` seconds", body = LuxErrorBody),
        (status = 401, description = "`Could not validate credentials`; `Token is expired`; \
            `User is None`", body = LuxErrorBody),
    )
)]
#[post("/change-phone")]
pub async fn change_phone(
    state: web::Data<AppState>,
    caller: Result<Authenticated, ApiError>,
    Client(client): Client,
    JsonBody(request): JsonBody<ChangePhoneRequest>,
) -> Result<HttpResponse, ApiError> {
    let Authenticated(caller) = caller.map_err(previously_deleted)?;
    let change = request.try_into_domain()?;
    state
        .verification
        .change_phone(caller.account_id, &change.phone, &change.code, &client)
        .await?;
    Ok(HttpResponse::Ok().json(LuxStatusMessage::PHONE_UPDATED))
}
