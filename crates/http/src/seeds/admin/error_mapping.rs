//! Errors of the administration use cases (no seed covers them: account-management shape).

use account_domain::devices::ProvisionError;
use account_domain::policies::ConsentHistoryError;
use actix_web::http::StatusCode;

use crate::errors::{ApiError, ApiErrorKind};

const BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;

impl From<ConsentHistoryError> for ApiError {
    fn from(error: ConsentHistoryError) -> Self {
        match error {
            ConsentHistoryError::Forbidden => forbidden(),
            ConsentHistoryError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<ProvisionError> for ApiError {
    fn from(error: ProvisionError) -> Self {
        match error {
            ProvisionError::Forbidden => forbidden(),
            ProvisionError::BatchTooLarge { max } => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::BatchTooLarge,
                format!("At most {max} devices per batch"),
            ),
            ProvisionError::Unexpected(cause) => cause.into(),
        }
    }
}

/// The caller is authenticated but its roles do not allow this.
fn forbidden() -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, ApiErrorKind::Forbidden, "Forbidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_roles_are_403_and_big_batches_400() {
        let error: ApiError = ProvisionError::Forbidden.into();
        assert_eq!((error.status.as_u16(), error.kind.id()), (403, "forbidden"));
        let error: ApiError = ConsentHistoryError::Forbidden.into();
        assert_eq!((error.status.as_u16(), error.kind.id()), (403, "forbidden"));
        let error: ApiError = ProvisionError::BatchTooLarge { max: 1000 }.into();
        assert_eq!(
            (
                error.status.as_u16(),
                error.kind.id(),
                error.message.as_ref()
            ),
            (400, "batch_too_large", "At most 1000 devices per batch")
        );
    }
}
