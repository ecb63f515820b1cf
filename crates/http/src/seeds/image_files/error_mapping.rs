//! Upload refusals and missing images in the words of the routes no seed covers. A refused
//! upload is `403` whatever the reason, as an S3 server answers a request its signature does
//! not cover; a body over the URL's cap is `413`.

use account_domain::profile_images::{ReadImageError, ReceiveUploadError};
use actix_web::http::StatusCode;

use crate::errors::{ApiError, ApiErrorKind};

impl From<ReceiveUploadError> for ApiError {
    fn from(error: ReceiveUploadError) -> Self {
        let refused = |message: &'static str| {
            ApiError::new(StatusCode::FORBIDDEN, ApiErrorKind::Forbidden, message)
        };
        match error {
            ReceiveUploadError::NotFound => not_found(),
            ReceiveUploadError::BadSignature => {
                refused("The upload URL's signature does not match")
            }
            ReceiveUploadError::Expired => refused("The upload URL has expired"),
            ReceiveUploadError::WrongContentType => {
                refused("Content-Type is not the one the URL was signed for")
            }
            ReceiveUploadError::WrongLength => {
                refused("Content-Length is not the one the URL was signed for")
            }
            ReceiveUploadError::TooLarge { .. } => ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ApiErrorKind::PayloadTooLarge,
                "The image is empty or larger than the URL allows",
            ),
            ReceiveUploadError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<ReadImageError> for ApiError {
    fn from(error: ReadImageError) -> Self {
        match error {
            ReadImageError::NotFound => not_found(),
            ReadImageError::Unexpected(cause) => cause.into(),
        }
    }
}

fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, ApiErrorKind::NotFound, "Not Found")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_403_a_body_over_the_cap_413_and_a_missing_image_404() {
        let cases = [
            (ReceiveUploadError::BadSignature, 403),
            (ReceiveUploadError::Expired, 403),
            (ReceiveUploadError::WrongContentType, 403),
            (ReceiveUploadError::WrongLength, 403),
            (ReceiveUploadError::TooLarge { max: 1 }, 413),
            (ReceiveUploadError::NotFound, 404),
        ];
        for (error, status) in cases {
            assert_eq!(ApiError::from(error).status.as_u16(), status);
        }
        assert_eq!(
            ApiError::from(ReadImageError::NotFound).status.as_u16(),
            404
        );
    }
}
