//! How NHN Cloud's answers map onto the outbox's retry decision. Failures arrive two ways: as
//! an HTTP status (gateway, throttling, outage) and, inside an HTTP 200, as
//! `header.isSuccessful = false` with a negative `resultCode` (or a failed recipient).

use std::time::Duration;

use account_domain::outbox::DeliveryError;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// Which of the two APIs answered: a few result codes differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Api {
    Sms,
    AlimTalk,
}

impl Api {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Sms => "SMS",
            Self::AlimTalk => "alim talk",
        }
    }
}

/// What a `resultCode` means for this message.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Accepted,
    Failed(DeliveryError),
}

/// `0` is success everywhere. On alim talk `-1005` answers a repeat of an
/// `X-NC-API-IDEMPOTENCY-KEY` seen in the last 10 minutes: the first attempt was accepted, so
/// this one counts as delivered. `-9999` (system error) and alim talk's `-1017` (daily volume
/// exceeded) pass with time; every other code names a bad app key, secret key, sender number,
/// sender key, template, parameter or recipient, which retrying cannot fix.
pub(crate) fn result_code(api: Api, code: i64, message: &str) -> Outcome {
    let what = format!("NHN Cloud {} result {code} ({message})", api.name());
    match (api, code) {
        (_, 0) => Outcome::Accepted,
        (Api::AlimTalk, -1005) => Outcome::Accepted,
        (_, -9999) | (Api::AlimTalk, -1017) => Outcome::Failed(DeliveryError::Transient(what)),
        _ => Outcome::Failed(DeliveryError::Permanent(what)),
    }
}

/// A non-2xx answer: throttling (429), a timeout at the gateway (408) and server errors are
/// worth retrying; any other 4xx is a request the provider will refuse again.
pub(crate) fn http_status(api: Api, status: StatusCode, headers: &HeaderMap) -> DeliveryError {
    let what = format!("NHN Cloud {} answered HTTP {}", api.name(), status.as_u16());
    let transient = status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT
        || status.is_server_error();
    match (transient, retry_after(headers)) {
        (true, Some(retry_after)) => DeliveryError::RetryAfter {
            reason: what,
            retry_after,
        },
        (true, None) => DeliveryError::Transient(what),
        (false, _) => DeliveryError::Permanent(what),
    }
}

/// The request never got an answer (DNS, connect, TLS, timeout, reset): try again later.
pub(crate) fn transport(api: Api, error: &reqwest::Error) -> DeliveryError {
    let cause = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    DeliveryError::Transient(format!("NHN Cloud {}: {cause}", api.name()))
}

/// `Retry-After` in seconds (the form throttling gateways send); an HTTP date is ignored.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let raw = headers.get(RETRY_AFTER)?.to_str().ok()?;
    raw.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_transient(outcome: Outcome) -> bool {
        matches!(outcome, Outcome::Failed(DeliveryError::Transient(_)))
    }

    fn is_permanent(outcome: Outcome) -> bool {
        matches!(outcome, Outcome::Failed(DeliveryError::Permanent(_)))
    }

    #[test]
    fn result_codes_split_into_accepted_transient_and_permanent() {
        assert_eq!(result_code(Api::Sms, 0, "SUCCESS"), Outcome::Accepted);
        assert_eq!(
            result_code(Api::AlimTalk, -1005, "same key"),
            Outcome::Accepted
        );
        assert!(is_transient(result_code(Api::Sms, -9999, "System error")));
        assert!(is_transient(result_code(
            Api::AlimTalk,
            -1017,
            "daily volume"
        )));
        assert!(is_permanent(result_code(Api::Sms, -1000, "Invalid appKey")));
        assert!(is_permanent(result_code(Api::Sms, -1005, "invalid search")));
        assert!(is_permanent(result_code(
            Api::AlimTalk,
            -1001,
            "Invalid secretKey"
        )));
        assert!(is_permanent(result_code(
            Api::AlimTalk,
            -3003,
            "no template"
        )));
    }

    #[test]
    fn statuses_worth_retrying_carry_retry_after() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "7".parse().unwrap());
        let throttled = http_status(Api::Sms, StatusCode::TOO_MANY_REQUESTS, &headers);
        assert_eq!(
            throttled,
            DeliveryError::RetryAfter {
                reason: "NHN Cloud SMS answered HTTP 429".into(),
                retry_after: Duration::from_secs(7)
            }
        );
        let down = http_status(Api::Sms, StatusCode::BAD_GATEWAY, &HeaderMap::new());
        assert!(matches!(down, DeliveryError::Transient(_)));
        let refused = http_status(Api::AlimTalk, StatusCode::UNAUTHORIZED, &headers);
        assert!(matches!(refused, DeliveryError::Permanent(_)));
    }
}
