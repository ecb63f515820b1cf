/// Who may read `/metrics`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MetricsAccess {
    /// Nobody: `404`, as if there were no such route (production without a metrics token).
    #[default]
    Closed,
    /// Anyone who reaches the port (development).
    Open,
    /// A scraper presenting `Authorization: Bearer <token>`.
    Token(String),
}

impl MetricsAccess {
    /// Whether a request carrying this `Authorization` header value may read the metrics.
    pub fn admits(&self, authorization: Option<&str>) -> bool {
        match self {
            Self::Closed => false,
            Self::Open => true,
            Self::Token(token) => authorization
                .and_then(|value| value.strip_prefix("Bearer "))
                .is_some_and(|presented| constant_time_eq(presented.as_bytes(), token.as_bytes())),
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_admits_only_its_bearer() {
        let access = MetricsAccess::Token("scrape-secret-0123456789".into());
        assert!(access.admits(Some("Bearer scrape-secret-0123456789")));
        assert!(!access.admits(Some("Bearer scrape-secret-012345678")));
        assert!(!access.admits(Some("scrape-secret-0123456789")));
        assert!(!access.admits(None));
    }

    #[test]
    fn open_admits_everyone_and_closed_nobody() {
        assert!(MetricsAccess::Open.admits(None));
        assert!(!MetricsAccess::Closed.admits(Some("Bearer anything")));
    }
}
