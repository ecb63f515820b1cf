//! The HTTP settings of one instance.

use account_http::HttpSettings;

use crate::config::Config;

pub fn http_settings(config: &Config) -> HttpSettings {
    HttpSettings {
        body_limit: config.body_limit_bytes,
        trust_forwarded_for: config.trust_forwarded_for,
    }
}
