//! A request id on every request: the caller's `X-Request-Id` when it is a reasonable one (1 to
//! 128 characters of letters, digits and `-_.:`), else a new random one. It is echoed in the
//! response's `X-Request-Id` and is a field of the `request` span that every log line written
//! while the request is served belongs to, so one id finds a request across the balancer, the
//! service's log and the client's report. Each request ends with one `served` line (status and
//! milliseconds, at `info`).

use std::fmt;
use std::time::Instant;

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

use super::deferred_headers::WithHeaders;

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

const MAX_LENGTH: usize = 128;

/// Middleware function, for `.wrap(actix_web::middleware::from_fn(request_id))`.
pub async fn request_id(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = request
        .headers()
        .get(X_REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .and_then(RequestId::accept)
        .unwrap_or_else(RequestId::generate);
    let span = tracing::info_span!(
        "request",
        id = %id,
        method = %request.method(),
        path = request.path(),
    );
    let started = Instant::now();
    async move {
        let served = |status: StatusCode| {
            let ms = started.elapsed().as_millis() as u64;
            tracing::info!(status = status.as_u16(), ms, "served");
        };
        match next.call(request).await {
            Ok(mut response) => {
                tag(response.headers_mut(), &id);
                served(response.status());
                Ok(response)
            }
            Err(error) => {
                served(error.as_response_error().status_code());
                Err(WithHeaders::wrap(error, move |headers| tag(headers, &id)))
            }
        }
    }
    .instrument(span)
    .await
}

fn tag(headers: &mut HeaderMap, id: &RequestId) {
    if let Ok(value) = HeaderValue::from_str(id.as_str()) {
        headers.insert(X_REQUEST_ID, value);
    }
}

/// The id of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(String);

impl RequestId {
    /// The caller's id, when it is short and plain enough to be logged and echoed as is.
    pub fn accept(raw: &str) -> Option<Self> {
        let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':');
        (!raw.is_empty() && raw.len() <= MAX_LENGTH && raw.chars().all(plain))
            .then(|| Self(raw.to_owned()))
    }

    /// A new id: 16 random bytes in hex.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 16];
        // Without the OS's randomness an id is still useful, only less unique.
        let _ = getrandom::fill(&mut bytes);
        Self(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_id_of_the_caller_is_kept() {
        let id = "0f9c2a7e-4b1d-4c3e-9a51-2d7f0b1c8e3a";
        assert_eq!(RequestId::accept(id).unwrap().as_str(), id);
        assert!(RequestId::accept("lb.7:trace_1").is_some());
        assert!(RequestId::accept(&"a".repeat(128)).is_some());
    }

    #[test]
    fn an_empty_long_or_unusual_id_is_replaced() {
        for raw in [
            "",
            &"a".repeat(129),
            "id with spaces",
            "line\nbreak",
            "quote\"",
            "아이디",
            "a=b",
        ] {
            assert_eq!(RequestId::accept(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn generated_ids_are_32_hex_digits_and_differ() {
        let first = RequestId::generate();
        let second = RequestId::generate();
        assert_eq!(first.as_str().len(), 32);
        assert!(first.as_str().chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(first, second);
    }
}
