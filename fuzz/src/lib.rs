//! What the fuzz targets share: reading the input as text, a fixed "today" for the dated
//! parsers, the round-trip property every value object keeps, and the rule that a request
//! body the service cannot use is the client's fault (4xx), never the server's.

use std::fmt::Debug;

use account_http::ApiError;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;

/// The input as text; parsers take `&str`, so other bytes never reach them.
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The day the dated parsers measure against (birthdates may not be later).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("a calendar date")
}

/// What `parse` accepts, it accepts again in the form it gave back, unchanged: a stored
/// value always reads back, and normalising twice changes nothing.
pub fn reparses<T, E: Debug>(
    raw: &str,
    parse: fn(&str) -> Result<T, E>,
    form: fn(&T) -> &str,
) -> Option<T> {
    let value = parse(raw).ok()?;
    let shown = form(&value);
    match parse(shown) {
        Ok(again) => assert_eq!(form(&again), shown, "{raw:?} read back differently"),
        Err(error) => panic!("{raw:?} was accepted as {shown:?}, which is refused: {error:?}"),
    }
    Some(value)
}

/// A JSON body read as the service reads it, then converted by `convert`: either a value or
/// an error the client caused.
pub fn json_body<T: DeserializeOwned, U>(
    data: &[u8],
    convert: impl FnOnce(T) -> Result<U, ApiError>,
) -> Option<U> {
    let body = account_http::fuzzing::json_body::<T>(data)?;
    client_fault(body.and_then(convert))
}

/// A JSON array body, as [`json_body`].
pub fn json_list<T: DeserializeOwned, U>(
    data: &[u8],
    convert: impl FnOnce(Vec<T>) -> Result<U, ApiError>,
) -> Option<U> {
    let body = account_http::fuzzing::json_list::<T>(data)?;
    client_fault(body.and_then(convert))
}

/// A form body or a query string (`a=1&b=2`), read as `actix-web` reads them
/// (`serde_urlencoded`), then converted.
pub fn form<T: DeserializeOwned, U>(
    data: &[u8],
    convert: impl FnOnce(T) -> Result<U, ApiError>,
) -> Option<U> {
    let body = serde_urlencoded::from_bytes::<T>(data).ok()?;
    client_fault(convert(body))
}

fn client_fault<U>(result: Result<U, ApiError>) -> Option<U> {
    match result {
        Ok(value) => Some(value),
        Err(error) => {
            assert!(
                error.status.is_client_error(),
                "bad input answered {}: {error:?}",
                error.status
            );
            None
        }
    }
}
