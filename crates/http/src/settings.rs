/// How the HTTP layer treats requests, independent of the use cases behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpSettings {
    /// Largest accepted JSON or form body in bytes; larger ones get `413`.
    pub body_limit: usize,
    /// Take the client IP from the last `X-Forwarded-For` entry instead of the peer address.
    /// Only for a service that is reachable solely through one trusted reverse proxy which
    /// appends the address it saw: otherwise clients could choose their throttle key.
    pub trust_forwarded_for: bool,
}

impl HttpSettings {
    pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            body_limit: Self::DEFAULT_BODY_LIMIT,
            trust_forwarded_for: false,
        }
    }
}
