use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use futures_util::StreamExt;
use serde::Deserialize;
use utoipa_actix_web::scope::Scope;

use crate::errors::ApiError;
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::state::AppState;

pub fn scope() -> Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    utoipa_actix_web::scope("/profile-images")
        .service(upload_image)
        .service(read_image)
}

#[derive(Debug, Deserialize)]
pub struct ImagePath {
    #[serde(rename = "accountId")]
    account_id: String,
    file: String,
}

impl ImagePath {
    /// The object key (checked by the domain).
    fn key(&self) -> String {
        format!("profile-images/{}/{}", self.account_id, self.file)
    }
}

/// Upload a profile image to the URL `GET /accounts/{accountId}/profile/image/signed-put-url`
/// handed out (local store only). The query is the URL's signature; `Content-Type` must be the
/// file's type and the body's length the one signed for (or at most the cap).
#[utoipa::path(
    tag = "profile-images",
    params(
        ("accountId" = i64, Path, description = "The account's integer id"),
        ("file" = String, Path, description = "The image's random name and extension"),
    ),
    request_body(content = Vec<u8>, content_type = "image/png"),
    responses(
        (status = 200, description = "Stored"),
        (status = 403, description = "Signature, expiry, content type or length do not match \
            what was signed", body = AccountManagementErrorBody),
        (status = 404, description = "Not an image key, or no local store (S3 is configured)",
            body = AccountManagementErrorBody),
        (status = 413, description = "Empty, or larger than allowed", body = AccountManagementErrorBody),
    )
)]
#[put("/{accountId}/{file}")]
pub async fn upload_image(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<ImagePath>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let headers = request.headers();
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let announced = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let accepted = state.profile_images.accept_upload(
        &path.key(),
        request.query_string(),
        content_type,
        announced,
    )?;
    // The body is read only after the URL was accepted, and never past what it allows.
    let max = accepted.length.max();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::invalid_request("The upload was cut off"))?;
        let total = (body.len() + chunk.len()) as u64;
        if total > max {
            accepted.check_length(total)?;
        }
        body.extend_from_slice(&chunk);
    }
    state.profile_images.store_upload(&accepted, &body).await?;
    Ok(HttpResponse::Ok().finish())
}

/// A profile image kept by the local store, with its type. Names are random and never reused,
/// so an image may be cached for long.
#[utoipa::path(
    tag = "profile-images",
    params(
        ("accountId" = i64, Path, description = "The account's integer id"),
        ("file" = String, Path, description = "The image's random name and extension"),
    ),
    responses(
        (status = 200, description = "The image", content_type = "image/png"),
        (status = 404, description = "No such image", body = AccountManagementErrorBody),
    )
)]
#[get("/{accountId}/{file}")]
pub async fn read_image(
    state: web::Data<AppState>,
    path: web::Path<ImagePath>,
) -> Result<HttpResponse, ApiError> {
    let image = state.profile_images.image(&path.key()).await?;
    Ok(HttpResponse::Ok()
        .content_type(image.content_type)
        .insert_header((CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(image.bytes))
}
