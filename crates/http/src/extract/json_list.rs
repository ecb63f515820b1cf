use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;

use super::json::from_value;
use crate::errors::ApiError;

/// A JSON request body that is an array of `T` (a batch).
///
/// Size limit, content type and syntax are checked as for [`super::JsonBody`]; a wrong value
/// names its row and field (`invalidFields: ["[3].serial_code"]`).
#[derive(Debug)]
pub struct JsonList<T>(pub Vec<T>);

impl<T: DeserializeOwned + 'static> FromRequest for JsonList<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let parsed = web::Json::<serde_json::Value>::from_request(request, payload);
        Box::pin(async move {
            let web::Json(value) = parsed.await?;
            deserialize(value).map(JsonList).map_err(Into::into)
        })
    }
}

pub(crate) fn deserialize<T: DeserializeOwned>(
    value: serde_json::Value,
) -> Result<Vec<T>, ApiError> {
    if !value.is_array() {
        return Err(ApiError::invalid_request(
            "Request body must be a JSON array",
        ));
    }
    from_value(value)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Row {
        name: Option<String>,
    }

    #[test]
    fn reads_arrays_only() {
        assert_eq!(
            deserialize::<Row>(json!([{"name": "a"}, {}])).map(|rows| rows.len()),
            Ok(2)
        );
        let error = deserialize::<Row>(json!({"name": "a"})).unwrap_err();
        assert_eq!(error.message, "Request body must be a JSON array");
    }

    #[test]
    fn a_wrong_type_names_its_row_and_field() {
        let error = deserialize::<Row>(json!([{"name": "a"}, {"name": 7}])).unwrap_err();
        assert_eq!(error.invalid_fields, ["[1].name"]);
    }
}
