//! What the error-mapping tests compare: the status, the kind's id and the message.

use account_domain::UnexpectedError;

use super::ApiError;

/// An unexpected store failure whose cause must never reach a client.
pub fn unexpected() -> UnexpectedError {
    UnexpectedError::new("database is down")
}

pub fn summary(error: impl Into<ApiError>) -> (u16, &'static str, String) {
    let error = error.into();
    (
        error.status.as_u16(),
        error.kind.id(),
        error.message.into_owned(),
    )
}
