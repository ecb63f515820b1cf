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
