//! The HTTP settings of one instance.

use account_http::HttpSettings;
use account_http::metrics::MetricsAccess;

use crate::config::{Config, Environment};

pub fn http_settings(config: &Config) -> HttpSettings {
    HttpSettings {
        body_limit: config.body_limit_bytes,
        trust_forwarded_for: config.trust_forwarded_for,
        secure_cookies: config.environment == Environment::Production,
        allowed_origins: config
            .allowed_origins
            .split(',')
            .map(str::trim)
            .filter(|origin| !origin.is_empty())
            .map(str::to_owned)
            .collect(),
        metrics_access: match (&config.metrics_token, config.environment) {
            (Some(token), _) => MetricsAccess::Token(token.clone()),
            (None, Environment::Development) => MetricsAccess::Open,
            (None, Environment::Production) => MetricsAccess::Closed,
        },
    }
}
