use serde::Deserialize;
use utoipa::IntoParams;

use crate::errors::ApiError;

/// `GET /accounts/{accountId}/profile/image/signed-put-url?filename=...&size=...`: fields read
/// as text, so a bad one is this document's `400 {"invalidFields": [...]}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignedPutUrlQuery {
    /// The file's name with its extension: `png`, `jpg`, `jpeg` or `gif`. Required.
    #[param(value_type = String)]
    pub filename: Option<String>,
    /// The image's size in bytes. Optional with the local store (any size up to the cap is then
    /// taken); required with S3, whose signature can bind an exact length only. The `PUT` must
    /// send exactly this `Content-Length`.
    #[param(value_type = Option<u64>)]
    pub size: Option<String>,
}

impl SignedPutUrlQuery {
    /// The size, if given; `invalidFields: ["size"]` when it is not a whole number.
    pub fn size(&self) -> Result<Option<u64>, ApiError> {
        self.size
            .as_deref()
            .map(|raw| {
                raw.trim().parse().map_err(|_| {
                    ApiError::invalid_request("size must be a whole number of bytes")
                        .with_invalid_fields(["size"])
                })
            })
            .transpose()
    }
}
