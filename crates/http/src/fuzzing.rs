//! For the fuzz targets in `fuzz/` only: a request body read from raw bytes exactly as the
//! extractors read it, so that a target reaches the same code a client's body reaches.

use serde::de::DeserializeOwned;

use crate::errors::ApiError;
use crate::extract::{json, json_list};

/// What [`JsonBody<T>`](crate::extract::JsonBody) gives for these bytes, or `None` where
/// `actix-web` refuses them before (not JSON at all).
pub fn json_body<T: DeserializeOwned>(bytes: &[u8]) -> Option<Result<T, ApiError>> {
    let value = serde_json::from_slice(bytes).ok()?;
    Some(json::deserialize(value))
}

/// What [`JsonList<T>`](crate::extract::JsonList) gives for these bytes, as [`json_body`].
pub fn json_list<T: DeserializeOwned>(bytes: &[u8]) -> Option<Result<Vec<T>, ApiError>> {
    let value = serde_json::from_slice(bytes).ok()?;
    Some(json_list::deserialize(value))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct Body {
        email: Option<String>,
    }

    #[test]
    fn bytes_read_as_the_extractors_read_them() {
        assert!(json_body::<Body>(b"{\"email\": ").is_none());
        let read = json_body::<Body>(br#"{"email": "a@b.c"}"#);
        assert_eq!(
            read.and_then(Result::ok).and_then(|b| b.email).as_deref(),
            Some("a@b.c")
        );
        let not_an_object = json_body::<Body>(b"[]").and_then(Result::err);
        assert_eq!(
            not_an_object.map(|e| e.message.into_owned()).as_deref(),
            Some("Request body must be a JSON object")
        );
        let wrong_type = json_list::<Body>(br#"[{"email": 1}]"#).and_then(Result::err);
        assert_eq!(
            wrong_type.map(|e| e.invalid_fields),
            Some(vec!["[0].email".to_owned()])
        );
    }
}
