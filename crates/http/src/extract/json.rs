use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;

use crate::errors::ApiError;

/// A JSON request body of type `T`.
///
/// Size limit, content type and syntax are checked by `web::Json` under the app's
/// `JsonConfig`; then `T` is read from the parsed value so that a wrong type names its field
/// (`invalidFields: ["email"]`).
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let parsed = web::Json::<serde_json::Value>::from_request(request, payload);
        Box::pin(async move {
            let web::Json(value) = parsed.await?;
            deserialize(value).map(JsonBody).map_err(Into::into)
        })
    }
}

pub(crate) fn deserialize<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    if !value.is_object() {
        return Err(ApiError::invalid_request(
            "Request body must be a JSON object",
        ));
    }
    from_value(value)
}

/// `T` from a parsed body; a wrong type names its field (`[3].serial_code` in a list).
pub(super) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let field = error.path().to_string();
        let problem = error.inner().to_string();
        if field != "." {
            return ApiError::invalid_request(format!("Invalid value for {field}: {problem}"))
                .with_invalid_fields([field]);
        }
        match missing_field(&problem) {
            Some(missing) => ApiError::invalid_request(format!("{missing} is required"))
                .with_invalid_fields([missing]),
            None => ApiError::invalid_request(format!("Invalid request body: {problem}")),
        }
    })
}

/// The field of serde's "missing field `name`" message.
fn missing_field(problem: &str) -> Option<&str> {
    problem.strip_prefix("missing field `")?.split('`').next()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Body {
        email: Option<String>,
    }

    #[test]
    fn a_wrong_type_names_its_field() {
        let error = deserialize::<Body>(json!({"email": 12})).unwrap_err();
        assert_eq!(error.kind.id(), "invalid_request");
        assert_eq!(error.invalid_fields, ["email"]);
        assert_eq!(
            error.message,
            "Invalid value for email: invalid type: integer `12`, expected a string"
        );
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Strict {
        name: String,
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let error = deserialize::<Strict>(json!({})).unwrap_err();
        assert_eq!(error.invalid_fields, ["name"]);
        assert_eq!(error.message, "name is required");
    }

    #[test]
    fn a_body_that_is_not_an_object_is_rejected_as_a_whole() {
        let error = deserialize::<Body>(json!([1, 2])).unwrap_err();
        assert_eq!(error.message, "Request body must be a JSON object");
        assert!(error.invalid_fields.is_empty());
    }
}
