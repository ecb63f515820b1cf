//! How FCM's answers map onto the port's errors. FCM answers a failed send with a Google API
//! error body: `{"error": {"code", "message", "status", "details": [{"@type", "errorCode"},
//! {"@type": "...BadRequest", "fieldViolations": [{"field", "description"}]}]}}`.

use account_domain::delivery::PushError;
use account_domain::outbox::DeliveryError;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::Deserialize;

/// What a failed `messages:send` means.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SendFailure {
    /// 401: the access token was refused; a fresh one may pass.
    Unauthorized,
    Push(PushError),
}

#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    error: GoogleError,
}

#[derive(Debug, Default, Deserialize)]
struct GoogleError {
    #[serde(default)]
    message: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    details: Vec<Detail>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Detail {
    #[serde(default)]
    error_code: Option<String>,
    #[serde(default)]
    field_violations: Vec<FieldViolation>,
}

#[derive(Debug, Deserialize)]
struct FieldViolation {
    #[serde(default)]
    field: String,
}

/// A non-2xx answer of `messages:send`:
/// - `UNREGISTERED` (404), or `INVALID_ARGUMENT` (400) about the registration token: the token
///   is gone, and the caller deletes it;
/// - 401: refresh the access token and try once more;
/// - 429 and 5xx (`QUOTA_EXCEEDED`, `UNAVAILABLE`, `INTERNAL`): transient, with `Retry-After`;
/// - any other 4xx (`SENDER_ID_MISMATCH`, an invalid payload, a wrong project): permanent.
pub(crate) fn send_failure(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> SendFailure {
    if status == StatusCode::UNAUTHORIZED {
        return SendFailure::Unauthorized;
    }
    let error = serde_json::from_slice::<ErrorBody>(body)
        .unwrap_or_default()
        .error;
    let fcm_code = error
        .details
        .iter()
        .find_map(|d| d.error_code.as_deref())
        .unwrap_or("");
    let about_token = error
        .details
        .iter()
        .flat_map(|d| &d.field_violations)
        .any(|v| v.field == "message.token")
        || error
            .message
            .to_ascii_lowercase()
            .contains("registration token");
    let invalid_argument = fcm_code == "INVALID_ARGUMENT" || error.status == "INVALID_ARGUMENT";
    if fcm_code == "UNREGISTERED"
        || (status == StatusCode::BAD_REQUEST && invalid_argument && about_token)
    {
        return SendFailure::Push(PushError::TokenGone);
    }
    let what = format!(
        "FCM answered HTTP {} {} {fcm_code}",
        status.as_u16(),
        error.status
    );
    SendFailure::Push(PushError::Delivery(http_status(status, headers, what)))
}

/// 429 and 5xx are worth retrying (when FCM says, after its `Retry-After`); other statuses
/// are not.
pub(crate) fn http_status(status: StatusCode, headers: &HeaderMap, what: String) -> DeliveryError {
    let what = what.trim_end().to_owned();
    if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
        match retry_after_seconds(headers) {
            Some(seconds) => DeliveryError::RetryAfter {
                reason: what,
                retry_after: std::time::Duration::from_secs(seconds),
            },
            None => DeliveryError::Transient(what),
        }
    } else {
        DeliveryError::Permanent(what)
    }
}

/// The request never got an answer (DNS, connect, TLS, timeout, reset): try again later.
pub(crate) fn transport(what: &str, error: &reqwest::Error) -> DeliveryError {
    let cause = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    DeliveryError::Transient(format!("{what}: {cause}"))
}

/// `Retry-After` in seconds (the form FCM sends); an HTTP date is ignored.
fn retry_after_seconds(headers: &HeaderMap) -> Option<u64> {
    headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn failure(status: u16, body: serde_json::Value) -> SendFailure {
        let status = StatusCode::from_u16(status).unwrap();
        send_failure(status, &HeaderMap::new(), body.to_string().as_bytes())
    }

    fn fcm_error(code: u16, status: &str, fcm_code: &str, message: &str) -> serde_json::Value {
        json!({"error": {"code": code, "message": message, "status": status, "details": [
            {"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": fcm_code}
        ]}})
    }

    #[test]
    fn gone_tokens_are_told_apart_from_other_refusals() {
        let gone = || SendFailure::Push(PushError::TokenGone);
        let cases = [
            (
                404,
                "NOT_FOUND",
                "UNREGISTERED",
                "Requested entity was not found.",
                Some(gone()),
            ),
            (
                400,
                "INVALID_ARGUMENT",
                "INVALID_ARGUMENT",
                "The registration token is not a valid FCM registration token",
                Some(gone()),
            ),
            (
                400,
                "INVALID_ARGUMENT",
                "INVALID_ARGUMENT",
                "Invalid data payload",
                None,
            ),
            (
                403,
                "PERMISSION_DENIED",
                "SENDER_ID_MISMATCH",
                "SenderId mismatch",
                None,
            ),
            (404, "NOT_FOUND", "", "Project not found", None),
            (
                401,
                "UNAUTHENTICATED",
                "THIRD_PARTY_AUTH_ERROR",
                "expired",
                Some(SendFailure::Unauthorized),
            ),
        ];
        for (code, status, fcm_code, message, expected) in cases {
            let got = failure(code, fcm_error(code, status, fcm_code, message));
            match expected {
                Some(expected) => assert_eq!(got, expected, "{message}"),
                None => assert!(
                    matches!(
                        got,
                        SendFailure::Push(PushError::Delivery(DeliveryError::Permanent(_)))
                    ),
                    "{message}: {got:?}"
                ),
            }
        }
    }

    #[test]
    fn throttling_and_outages_are_transient_even_without_a_body() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "30".parse().unwrap());
        let throttled = send_failure(StatusCode::TOO_MANY_REQUESTS, &headers, b"");
        assert!(
            matches!(&throttled, SendFailure::Push(PushError::Delivery(DeliveryError::RetryAfter { retry_after, .. })) if retry_after.as_secs() == 30),
            "{throttled:?}"
        );
        assert!(matches!(
            failure(503, json!({})),
            SendFailure::Push(PushError::Delivery(DeliveryError::Transient(_)))
        ));
    }
}
