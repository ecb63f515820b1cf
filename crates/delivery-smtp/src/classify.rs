use account_domain::outbox::DeliveryError;
use lettre::transport::smtp::Error as SmtpError;

/// What went wrong with one SMTP send, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The server answered with this reply code (4xx or 5xx).
    Reply(u16),
    /// Connecting or waiting for a reply took longer than the timeout.
    Timeout,
    /// The server could not be reached or the connection broke (refused, reset, DNS).
    Connection,
    /// The TLS handshake failed (certificate, protocol, or the network during it).
    Tls,
    /// The server's reply could not be understood.
    Garbled,
    /// The server lacks what the configuration needs (STARTTLS, an AUTH mechanism we know).
    Unsupported,
}

impl Failure {
    pub(crate) fn of(error: &SmtpError) -> Self {
        if let Some(code) = error.status() {
            return code.to_string().parse().map_or(Self::Garbled, Self::Reply);
        }
        if error.is_timeout() {
            Self::Timeout
        } else if error.is_tls() {
            Self::Tls
        } else if error.is_response() {
            Self::Garbled
        } else if error.is_client() {
            Self::Unsupported
        } else {
            Self::Connection
        }
    }
}

/// Retryable or not: a 4xx reply, a timeout, a broken connection, a failed handshake or a
/// garbled reply may pass; a 5xx reply (a rejected recipient, `535` bad credentials) and a server
/// that cannot do what the configuration asks will answer the same next time.
pub(crate) fn classify(failure: Failure, detail: impl std::fmt::Display) -> DeliveryError {
    let retryable = match failure {
        Failure::Reply(code) => !(500..600).contains(&code),
        Failure::Timeout | Failure::Connection | Failure::Tls | Failure::Garbled => true,
        Failure::Unsupported => false,
    };
    let detail = format!("smtp: {detail}");
    if retryable {
        DeliveryError::Transient(detail)
    } else {
        DeliveryError::Permanent(detail)
    }
}

pub(crate) fn from_smtp(error: &SmtpError) -> DeliveryError {
    classify(Failure::of(error), error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retryable(failure: Failure) -> bool {
        matches!(classify(failure, "x"), DeliveryError::Transient(_))
    }

    #[test]
    fn four_hundreds_are_retried_and_five_hundreds_are_not() {
        for code in [421, 450, 451, 452, 454] {
            assert!(retryable(Failure::Reply(code)), "{code}");
        }
        for code in [500, 501, 530, 535, 550, 552, 553, 554] {
            assert!(!retryable(Failure::Reply(code)), "{code}");
        }
    }

    #[test]
    fn network_trouble_is_retried_and_a_missing_capability_is_not() {
        assert!(retryable(Failure::Timeout));
        assert!(retryable(Failure::Connection));
        assert!(retryable(Failure::Tls));
        assert!(retryable(Failure::Garbled));
        assert!(!retryable(Failure::Unsupported));
    }

    #[test]
    fn the_detail_is_kept() {
        assert_eq!(
            classify(
                Failure::Reply(535),
                "permanent error (535): bad credentials"
            ),
            DeliveryError::Permanent("smtp: permanent error (535): bad credentials".to_owned())
        );
    }
}
