//! The environment as a source of configuration: `ACCOUNT_<KEY>` for the keys of the file only
//! (`ACCOUNT_BIND=...` sets `bind`), and `DATABASE_URL` and `JWT_SECRET` under the names other
//! tools use too.
//!
//! Other `ACCOUNT_` names are not configuration: a Kubernetes Service named `account` gives
//! every pod `ACCOUNT_PORT`, `ACCOUNT_SERVICE_HOST`, `ACCOUNT_PORT_8080_TCP_ADDR`, ...
//! ([`Config::ignored_environment`] names them for a warning).
//!
//! figment's own `Env` provider is not used: it reads only the process's environment (the
//! tests hand a map), and it parses every value with its own grammar, so `0215446859` for
//! `nhn_send_no` would lose its leading zero and then be refused as a number.

use std::collections::HashMap;

use figment::value::{Dict, Map, Value};
use figment::{Metadata, Profile, Provider};

use super::Config;

/// Which environment names a [`Variables`] provider reads.
#[derive(Clone, Copy)]
pub(super) enum Names {
    /// `DATABASE_URL` and `JWT_SECRET`.
    Common,
    /// `ACCOUNT_<KEY>` (any case) for every key of the file.
    Prefixed,
}

/// The configuration keys some environment variables set.
pub(super) struct Variables<'a> {
    pub env: &'a HashMap<String, String>,
    pub names: Names,
}

impl Provider for Variables<'_> {
    fn metadata(&self) -> Metadata {
        let prefix = match self.names {
            Names::Common => "",
            Names::Prefixed => "ACCOUNT_",
        };
        Metadata::named("the environment").interpolater(move |_: &Profile, keys: &[&str]| {
            format!("{prefix}{}", keys.join(".").to_ascii_uppercase())
        })
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        let dict: Dict = self
            .env
            .iter()
            .filter_map(|(name, raw)| {
                let key = self.names.key_of(name)?;
                let value = value_of(&key, raw);
                Some((key, value))
            })
            .collect();
        Ok(Profile::Default.collect(dict))
    }
}

impl Names {
    fn key_of(self, name: &str) -> Option<String> {
        match self {
            Self::Common => ["DATABASE_URL", "JWT_SECRET"]
                .contains(&name)
                .then(|| name.to_ascii_lowercase()),
            Self::Prefixed => config_key(name),
        }
    }
}

/// The key an `ACCOUNT_<KEY>` name sets, if `<KEY>` is one (in any case).
pub(super) fn config_key(name: &str) -> Option<String> {
    let key = name.strip_prefix("ACCOUNT_")?.to_ascii_lowercase();
    Config::keys().contains(&key.as_str()).then_some(key)
}

/// Keys whose values stay text even when they look like numbers or booleans (a secret of
/// digits, a sender number with its leading zero): the keys of type string or path.
pub(super) const TEXT_KEYS: [&str; 41] = [
    "metrics_token",
    "bind",
    "database_url",
    "data_dir",
    "jwt_secret",
    "digest_secret",
    "outbox_key",
    "jwt_issuer",
    "jwt_audience",
    "smtp_url",
    "smtp_from",
    "smtp_ca_file",
    "nhn_sms_base_url",
    "nhn_sms_app_key",
    "nhn_sms_secret_key",
    "nhn_send_no",
    "nhn_alimtalk_base_url",
    "nhn_alimtalk_app_key",
    "nhn_alimtalk_secret_key",
    "nhn_alimtalk_sender_key",
    "nhn_long_message_title",
    "fcm_service_account_file",
    "fcm_base_url",
    "fcm_token_url",
    "google_client_id",
    "google_client_secret",
    "google_redirect_uri",
    "google_authorization_endpoint",
    "google_token_endpoint",
    "google_jwks_uri",
    "google_issuer",
    "allowed_origins",
    "profile_image_dir",
    "public_base_url",
    "s3_endpoint",
    "s3_bucket",
    "s3_region",
    "s3_access_key_id",
    "s3_secret_access_key",
    "s3_public_base_url",
    "password_reset_url",
];

/// A text key's value as it is; any other's as a TOML integer or boolean when it reads as
/// one (`300`, `true`), else as text for the key's type to refuse with its reason.
fn value_of(key: &str, raw: &str) -> Value {
    if TEXT_KEYS.contains(&key) {
        return Value::from(raw.to_owned());
    }
    if let Ok(n) = raw.parse::<i64>() {
        return Value::from(n);
    }
    match raw {
        "true" => Value::from(true),
        "false" => Value::from(false),
        _ => Value::from(raw.to_owned()),
    }
}
