use crate::metrics::MetricsAccess;

/// How the HTTP layer treats requests, independent of the use cases behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpSettings {
    /// Largest accepted JSON or form body in bytes; larger ones get `413`.
    pub body_limit: usize,
    /// Take the client IP from the last `X-Forwarded-For` entry instead of the peer address.
    /// Only for a service that is reachable solely through one trusted reverse proxy which
    /// appends the address it saw: otherwise clients could choose their throttle key.
    pub trust_forwarded_for: bool,
    /// Mark cookies `Secure` (sent over HTTPS only): in production.
    pub secure_cookies: bool,
    /// Origins (`https://app.example.com`) whose unsafe requests a browser session cookie may
    /// authenticate; empty means the service's own origin only (its `Host`).
    pub allowed_origins: Vec<String>,
    /// Who may read `/metrics`.
    pub metrics_access: MetricsAccess,
}

impl HttpSettings {
    pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            body_limit: Self::DEFAULT_BODY_LIMIT,
            trust_forwarded_for: false,
            secure_cookies: false,
            allowed_origins: Vec::new(),
            metrics_access: MetricsAccess::Closed,
        }
    }
}
