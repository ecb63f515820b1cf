//! Service configuration: defaults, then an optional TOML file, then environment variables.

use std::path::PathBuf;

use account_store_sql::PoolLimits;
use serde::Deserialize;

mod environment_variables;
mod keys;
mod sources;

/// Everything an operator can set. Each key can come from the file (`account-service.toml`,
/// or the path in `ACCOUNT_CONFIG`) or from the environment as `ACCOUNT_<KEY>` (upper case);
/// `DATABASE_URL` and `JWT_SECRET` are also read under those common names. Unknown keys are an
/// error in the file; other `ACCOUNT_` names in the environment are ignored (and warned about).
#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `development` (the default) or `production`; production refuses generated secrets.
    pub environment: Environment,
    /// How log lines are written: `text` for people, `json` (one object per line) for a log
    /// collector.
    pub log_format: LogFormat,
    /// The bearer token a Prometheus scraper presents to read `/metrics`. Without it,
    /// `/metrics` is open in development and absent in production. A secret.
    pub metrics_token: Option<String>,
    pub bind: String,
    /// `postgres://...` or `sqlite://path`; default an SQLite file in `data_dir`.
    pub database_url: Option<String>,
    pub data_dir: PathBuf,
    pub db_pool_size: usize,
    /// How long a request waits for a database connection (a free one, or a new one being
    /// opened) before it is answered 503: the pool is exhausted or the database is down.
    pub db_pool_wait_ms: u64,
    /// HS256 key for access tokens, at least 32 bytes.
    pub jwt_secret: Option<String>,
    /// Key of the digests under which refresh tokens and codes are stored, at least 32 bytes.
    pub digest_secret: Option<String>,
    /// Key that seals the secret parameters of outbox messages (codes, link tokens) at rest:
    /// 32 bytes, base64 (standard or URL-safe alphabet, padded or not).
    pub outbox_key: Option<String>,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    /// Clock difference tolerated between instances when checking `nbf`, `iat` and `exp`.
    pub jwt_leeway_secs: u32,
    pub access_token_ttl_secs: i64,
    pub refresh_token_ttl_secs: i64,
    pub session_max_age_secs: i64,
    pub refresh_grace_secs: i64,
    /// A header-token session (SG-Finder's `session-token`) ends this long after its last use.
    pub session_token_idle_secs: i64,
    /// ... and at the latest this long after sign-in.
    pub session_token_max_age_secs: i64,
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    pub argon2_parallelism: u32,
    /// Threads that hash passwords; 0 = one per core.
    pub hash_workers: usize,
    /// Of those, most that hash new passwords at once (sign-ups); the rest stays free for
    /// log-ins. 0 = half the workers, at least one.
    pub hash_new_password_workers: usize,
    pub code_resend_cooldown_secs: i64,
    /// Wait before another code of the service user account document (`/v1/account/auth`)
    /// goes to the same address: the document's 10 minutes.
    pub account_code_resend_cooldown_secs: i64,
    /// Sign-ups from one client IP within `register_per_ip_window_secs` (then refused for as
    /// long as the window).
    pub register_per_ip_limit: u32,
    pub register_per_ip_window_secs: i64,
    /// Sign-up attempts for one email address within 15 minutes, from anywhere.
    pub register_per_email_limit: u32,
    pub body_limit_bytes: usize,
    /// Take the client IP from `X-Forwarded-For` (only behind a trusted load balancer).
    pub trust_forwarded_for: bool,
    /// HTTP worker threads; 0 = one per core.
    pub http_workers: usize,
    pub outbox_poll_millis: u64,
    /// Who sends emails: `dev` (the dev outbox), `smtp` or `disabled` (kept queued).
    pub email_sender: SenderChoice,
    /// Who sends SMS and alim talks: `dev`, `nhn` (NHN Cloud) or `disabled`.
    pub sms_sender: SenderChoice,
    /// Who sends push notifications: `dev`, `fcm` or `disabled`.
    pub push_sender: SenderChoice,
    /// The SMTP server when `email_sender = "smtp"`: `smtps://user:password@host:465`
    /// (implicit TLS), `smtp://user:password@host:587?tls=required` (STARTTLS), or plain
    /// `smtp://127.0.0.1:25` to a loopback relay only. A secret: it holds the password.
    pub smtp_url: Option<String>,
    /// The `From` of every email, e.g. `Accounts <noreply@example.com>`.
    pub smtp_from: String,
    /// Bound on one whole SMTP send (connect, TLS, every reply).
    pub smtp_timeout_secs: u64,
    /// A PEM file of CA certificates trusted for the SMTP server besides the public roots.
    pub smtp_ca_file: Option<PathBuf>,
    /// NHN Cloud SMS API (`sms_sender = "nhn"`): scheme and host, no trailing slash.
    pub nhn_sms_base_url: String,
    /// The SMS service's app key (required with `nhn`).
    pub nhn_sms_app_key: Option<String>,
    /// The SMS service's secret key (`X-Secret-Key`; required with `nhn`). A secret.
    pub nhn_sms_secret_key: Option<String>,
    /// The sender number registered in the SMS console, digits only (required with `nhn`).
    pub nhn_send_no: Option<String>,
    /// NHN Cloud KakaoTalk Bizmessage API: scheme and host, no trailing slash.
    pub nhn_alimtalk_base_url: String,
    /// The KakaoTalk Bizmessage service's app key (alim talks fail without it).
    pub nhn_alimtalk_app_key: Option<String>,
    /// Its secret key. A secret.
    pub nhn_alimtalk_secret_key: Option<String>,
    /// The KakaoTalk channel's sender key (`senderKey`).
    pub nhn_alimtalk_sender_key: Option<String>,
    /// Title of a text longer than one SMS (sent as LMS), at most 40 bytes.
    pub nhn_long_message_title: String,
    /// Bound on one whole NHN Cloud call.
    pub nhn_timeout_secs: u64,
    /// The Google service-account key file (JSON) FCM sends with (`push_sender = "fcm"`). Its
    /// private key is a secret: keep the file `0600`.
    pub fcm_service_account_file: Option<PathBuf>,
    /// FCM's API: scheme and host, no trailing slash.
    pub fcm_base_url: String,
    /// Where the service account's assertion is exchanged; default the key file's `token_uri`.
    pub fcm_token_url: Option<String>,
    /// Bound on one whole FCM call (token exchange or send).
    pub fcm_timeout_secs: u64,
    /// Google sign-in is on when this is set: the OAuth client id from the Google console.
    pub google_client_id: Option<String>,
    /// The OAuth client's secret. A secret.
    pub google_client_secret: Option<String>,
    /// The callback registered with Google: `https://<host>/login/oauth2/code/google`.
    pub google_redirect_uri: Option<String>,
    pub google_authorization_endpoint: String,
    pub google_token_endpoint: String,
    pub google_jwks_uri: String,
    /// The `iss` Google's ID tokens carry.
    pub google_issuer: String,
    /// How long the provider may take to send the browser back.
    pub oauth_pending_ttl_secs: i64,
    /// Absolute lifetime of a browser session (the cookie the sign-in flow ends with).
    pub browser_session_ttl_secs: i64,
    /// Origins whose unsafe requests the browser session cookie may authenticate,
    /// comma-separated (`https://app.example.com`); empty: the service's own origin only.
    pub allowed_origins: String,
    /// Where profile images are kept: `local` (a directory served by the service) or `s3`.
    pub profile_image_store: ImageStoreChoice,
    /// The local store's directory; default `data_dir/profile-images`.
    pub profile_image_dir: Option<PathBuf>,
    /// Where clients reach this service (`https://accounts.example.com`): the local store's
    /// upload URLs and image URIs start with it. Default `http://{bind}`.
    pub public_base_url: Option<String>,
    /// The largest profile image, in bytes.
    pub profile_image_max_bytes: u64,
    /// How long a signed upload URL stays valid.
    pub profile_image_url_ttl_secs: i64,
    /// The S3 endpoint (`https://s3.eu-central-1.amazonaws.com`) when `profile_image_store = "s3"`.
    pub s3_endpoint: Option<String>,
    pub s3_bucket: Option<String>,
    pub s3_region: String,
    pub s3_access_key_id: Option<String>,
    /// A secret, never logged.
    pub s3_secret_access_key: Option<String>,
    /// `endpoint/bucket/key` (true) or `bucket.endpoint/key` (false).
    pub s3_path_style: bool,
    /// Where clients read images (a CDN in front of the bucket); default the object's URL.
    pub s3_public_base_url: Option<String>,
    /// The page of the client app that asks for a new password; reset emails link to it with
    /// `email` and `token` added to its query.
    pub password_reset_url: String,
    /// Days a deleted account keeps its data, restorable by ADMIN, before its personal fields
    /// are erased.
    pub deleted_account_retention_days: u32,
    /// How often the worker looks for deleted accounts whose retention is over.
    pub anonymize_poll_secs: u64,
    /// Days sent outbox messages, and expired codes, sessions, refresh tokens, throttle
    /// counters and pending sign-ins are kept before the worker purges them.
    pub purge_retention_days: u32,
    /// How often the worker purges.
    pub purge_poll_secs: u64,
}

/// Where profile images are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageStoreChoice {
    /// A local directory, uploads and reads served by the service itself.
    Local,
    /// An S3-compatible bucket the clients upload to and read from directly.
    S3,
}

impl ImageStoreChoice {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::S3 => "s3",
        }
    }
}

/// The adapter of one delivery channel. Which provider names a channel accepts is checked by
/// [`Config::validate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SenderChoice {
    /// The dev outbox: `data_dir/outbox.jsonl`, codes in clear. Never in production for the
    /// channels codes travel on.
    Dev,
    Smtp,
    Nhn,
    Fcm,
    /// Messages of the channel stay queued (retried, then dead) until a sender is configured.
    Disabled,
}

impl SenderChoice {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Dev => "dev",
            Self::Smtp => "smtp",
            Self::Nhn => "nhn",
            Self::Fcm => "fcm",
            Self::Disabled => "disabled",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            environment: Environment::Development,
            log_format: LogFormat::Text,
            metrics_token: None,
            bind: "127.0.0.1:8080".into(),
            database_url: None,
            data_dir: PathBuf::from("data"),
            db_pool_size: 8,
            db_pool_wait_ms: 5000,
            jwt_secret: None,
            digest_secret: None,
            outbox_key: None,
            jwt_issuer: "account-service".into(),
            jwt_audience: "account-clients".into(),
            jwt_leeway_secs: 5,
            access_token_ttl_secs: 15 * 60,
            refresh_token_ttl_secs: 14 * 24 * 3600,
            session_max_age_secs: 90 * 24 * 3600,
            refresh_grace_secs: 10,
            session_token_idle_secs: 3600,
            session_token_max_age_secs: 7 * 24 * 3600,
            argon2_memory_kib: 19_456,
            argon2_iterations: 2,
            argon2_parallelism: 1,
            hash_workers: 0,
            hash_new_password_workers: 0,
            code_resend_cooldown_secs: 60,
            account_code_resend_cooldown_secs: 10 * 60,
            register_per_ip_limit: 30,
            register_per_ip_window_secs: 5 * 60,
            register_per_email_limit: 5,
            body_limit_bytes: 64 * 1024,
            trust_forwarded_for: false,
            http_workers: 0,
            outbox_poll_millis: 1000,
            email_sender: SenderChoice::Dev,
            sms_sender: SenderChoice::Dev,
            push_sender: SenderChoice::Dev,
            smtp_url: None,
            smtp_from: "Accounts <noreply@localhost>".into(),
            smtp_timeout_secs: 30,
            smtp_ca_file: None,
            nhn_sms_base_url: "https://api-sms.cloud.toast.com".into(),
            nhn_sms_app_key: None,
            nhn_sms_secret_key: None,
            nhn_send_no: None,
            nhn_alimtalk_base_url: "https://api-alimtalk.cloud.toast.com".into(),
            nhn_alimtalk_app_key: None,
            nhn_alimtalk_secret_key: None,
            nhn_alimtalk_sender_key: None,
            nhn_long_message_title: "Notice".into(),
            nhn_timeout_secs: 10,
            fcm_service_account_file: None,
            fcm_base_url: "https://fcm.googleapis.com".into(),
            fcm_token_url: None,
            fcm_timeout_secs: 10,
            google_client_id: None,
            google_client_secret: None,
            google_redirect_uri: None,
            google_authorization_endpoint: "https://accounts.google.com/o/oauth2/v2/auth".into(),
            google_token_endpoint: "https://oauth2.googleapis.com/token".into(),
            google_jwks_uri: "https://www.googleapis.com/oauth2/v3/certs".into(),
            google_issuer: "https://accounts.google.com".into(),
            oauth_pending_ttl_secs: 10 * 60,
            browser_session_ttl_secs: 12 * 3600,
            allowed_origins: String::new(),
            profile_image_store: ImageStoreChoice::Local,
            profile_image_dir: None,
            public_base_url: None,
            profile_image_max_bytes: 5 * 1024 * 1024,
            profile_image_url_ttl_secs: 300,
            s3_endpoint: None,
            s3_bucket: None,
            s3_region: "us-east-1".into(),
            s3_access_key_id: None,
            s3_secret_access_key: None,
            s3_path_style: true,
            s3_public_base_url: None,
            password_reset_url: "http://localhost:8080/reset-password".into(),
            deleted_account_retention_days: 30,
            anonymize_poll_secs: 3600,
            purge_retention_days: 7,
            purge_poll_secs: 3600,
        }
    }
}

/// Secrets never appear in logs; of the database URL only scheme, host, port and database do
/// ([`crate::store::redacted`]).
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |s: &Option<String>| if s.is_some() { "<set>" } else { "<unset>" };
        f.debug_struct("Config")
            .field("environment", &self.environment)
            .field("log_format", &self.log_format)
            .field("metrics_token", &redacted(&self.metrics_token))
            .field("bind", &self.bind)
            .field("database", &crate::store::redacted(&self.database_url()))
            .field("data_dir", &self.data_dir)
            .field("jwt_secret", &redacted(&self.jwt_secret))
            .field("digest_secret", &redacted(&self.digest_secret))
            .field("outbox_key", &redacted(&self.outbox_key))
            .field("smtp_url", &redacted(&self.smtp_url))
            .field("nhn_sms_secret_key", &redacted(&self.nhn_sms_secret_key))
            .field(
                "nhn_alimtalk_secret_key",
                &redacted(&self.nhn_alimtalk_secret_key),
            )
            .field("google_client_id", &self.google_client_id)
            .field(
                "google_client_secret",
                &redacted(&self.google_client_secret),
            )
            .field("email_sender", &self.email_sender)
            .field("sms_sender", &self.sms_sender)
            .field("push_sender", &self.push_sender)
            .field("profile_image_store", &self.profile_image_store)
            .field(
                "s3_secret_access_key",
                &redacted(&self.s3_secret_access_key),
            )
            .finish_non_exhaustive()
    }
}

/// The largest profile image cap: 50 MiB.
const MAX_PROFILE_IMAGE_BYTES: u64 = 50 * 1024 * 1024;

/// Ten years: longer lifetimes are mistakes (and overflow date arithmetic).
const MAX_LIFETIME_SECS: i64 = 10 * 365 * 24 * 3600;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config: {0}")]
    Invalid(String),
}

impl Config {
    /// Why `environment = production` would refuse this configuration, if it would.
    pub fn production_refusal(&self) -> Option<String> {
        let production = Self {
            environment: Environment::Production,
            ..self.clone()
        };
        production.validate().err().map(|error| error.to_string())
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let lifetimes = [
            ("access_token_ttl_secs", self.access_token_ttl_secs),
            ("refresh_token_ttl_secs", self.refresh_token_ttl_secs),
            ("session_max_age_secs", self.session_max_age_secs),
            ("oauth_pending_ttl_secs", self.oauth_pending_ttl_secs),
            ("browser_session_ttl_secs", self.browser_session_ttl_secs),
            ("session_token_idle_secs", self.session_token_idle_secs),
            (
                "session_token_max_age_secs",
                self.session_token_max_age_secs,
            ),
        ];
        if let Some((name, _)) = lifetimes
            .iter()
            .find(|(_, v)| !(1..=MAX_LIFETIME_SECS).contains(v))
        {
            return Err(ConfigError::Invalid(format!(
                "{name} must be between 1 and {MAX_LIFETIME_SECS} (ten years)"
            )));
        }
        if self.register_per_ip_limit == 0
            || self.register_per_email_limit == 0
            || !(1..=MAX_LIFETIME_SECS).contains(&self.register_per_ip_window_secs)
        {
            return Err(ConfigError::Invalid(
                "register_per_ip_limit and register_per_email_limit must be at least 1, \
                 register_per_ip_window_secs between 1 and ten years"
                    .into(),
            ));
        }
        let waits = [
            self.refresh_grace_secs,
            self.code_resend_cooldown_secs,
            self.account_code_resend_cooldown_secs,
        ];
        if waits.iter().any(|v| !(0..=MAX_LIFETIME_SECS).contains(v)) {
            return Err(ConfigError::Invalid(
                "grace and cooldown must be between 0 and ten years".into(),
            ));
        }
        if self.argon2_memory_kib < 19_456
            || self.argon2_iterations < 2
            || self.argon2_parallelism < 1
        {
            return Err(ConfigError::Invalid(
                "argon2 parameters below OWASP's m=19456 KiB, t=2, p=1".into(),
            ));
        }
        if self.db_pool_wait_ms < 100 {
            return Err(ConfigError::Invalid(
                "db_pool_wait_ms must be at least 100 (at 0 no request would get a connection)"
                    .into(),
            ));
        }
        if self.body_limit_bytes < 1024 {
            return Err(ConfigError::Invalid(
                "body_limit_bytes must be at least 1024".into(),
            ));
        }
        if self.email_sender == SenderChoice::Smtp && self.smtp_url.is_none() {
            return Err(ConfigError::Invalid(
                "email_sender = \"smtp\" needs smtp_url (ACCOUNT_SMTP_URL)".into(),
            ));
        }
        if !(self.password_reset_url.starts_with("https://")
            || self.password_reset_url.starts_with("http://"))
        {
            return Err(ConfigError::Invalid(
                "password_reset_url must be an https:// (or http://) address".into(),
            ));
        }
        if !(1..=3650).contains(&self.deleted_account_retention_days) {
            return Err(ConfigError::Invalid(
                "deleted_account_retention_days must be between 1 and 3650 (ten years)".into(),
            ));
        }
        if !(1..=86_400).contains(&self.anonymize_poll_secs) {
            return Err(ConfigError::Invalid(
                "anonymize_poll_secs must be between 1 and 86400 (a day)".into(),
            ));
        }
        if !(1..=3650).contains(&self.purge_retention_days) {
            return Err(ConfigError::Invalid(
                "purge_retention_days must be between 1 and 3650 (ten years)".into(),
            ));
        }
        if !(1..=86_400).contains(&self.purge_poll_secs) {
            return Err(ConfigError::Invalid(
                "purge_poll_secs must be between 1 and 86400 (a day)".into(),
            ));
        }
        if self.register_per_ip_window_secs > i64::from(self.purge_retention_days) * 86_400 {
            return Err(ConfigError::Invalid(
                "register_per_ip_window_secs must not be longer than purge_retention_days: \
                 the purge would forget counters still counting"
                    .into(),
            ));
        }
        let timeouts = [
            ("smtp_timeout_secs", self.smtp_timeout_secs),
            ("nhn_timeout_secs", self.nhn_timeout_secs),
            ("fcm_timeout_secs", self.fcm_timeout_secs),
        ];
        if let Some((name, _)) = timeouts.iter().find(|(_, v)| !(1..=600).contains(v)) {
            return Err(ConfigError::Invalid(format!(
                "{name} must be between 1 and 600"
            )));
        }
        if self.sms_sender == SenderChoice::Nhn
            && (self.nhn_sms_app_key.is_none()
                || self.nhn_sms_secret_key.is_none()
                || self.nhn_send_no.is_none())
        {
            return Err(ConfigError::Invalid(
                "sms_sender = \"nhn\" needs nhn_sms_app_key, nhn_sms_secret_key and nhn_send_no"
                    .into(),
            ));
        }
        if self.push_sender == SenderChoice::Fcm && self.fcm_service_account_file.is_none() {
            return Err(ConfigError::Invalid(
                "push_sender = \"fcm\" needs fcm_service_account_file".into(),
            ));
        }
        let providers = [
            ("email_sender", self.email_sender, SenderChoice::Smtp),
            ("sms_sender", self.sms_sender, SenderChoice::Nhn),
            ("push_sender", self.push_sender, SenderChoice::Fcm),
        ];
        for (name, choice, provider) in providers {
            if ![SenderChoice::Dev, SenderChoice::Disabled, provider].contains(&choice) {
                return Err(ConfigError::Invalid(format!(
                    "{name} is dev, {} or disabled, not {}",
                    provider.as_str(),
                    choice.as_str()
                )));
            }
        }
        if self.environment == Environment::Production
            && (self.email_sender == SenderChoice::Dev || self.sms_sender == SenderChoice::Dev)
        {
            return Err(ConfigError::Invalid(
                "production refuses the dev outbox for email_sender and sms_sender (codes travel \
                 on them): choose the provider, or disabled"
                    .into(),
            ));
        }
        if self.google_client_id.is_some()
            && (self.google_client_secret.is_none() || self.google_redirect_uri.is_none())
        {
            return Err(ConfigError::Invalid(
                "google_client_id needs google_client_secret and google_redirect_uri".into(),
            ));
        }
        self.validate_profile_images()?;
        if self.environment == Environment::Production
            && (self.jwt_secret.is_none()
                || self.digest_secret.is_none()
                || self.outbox_key.is_none())
        {
            return Err(ConfigError::Invalid(
                "production needs jwt_secret, digest_secret and outbox_key (JWT_SECRET, \
                 ACCOUNT_DIGEST_SECRET, ACCOUNT_OUTBOX_KEY)"
                    .into(),
            ));
        }
        Ok(())
    }

    fn validate_profile_images(&self) -> Result<(), ConfigError> {
        if !(1..=MAX_PROFILE_IMAGE_BYTES).contains(&self.profile_image_max_bytes) {
            return Err(ConfigError::Invalid(format!(
                "profile_image_max_bytes must be between 1 and {MAX_PROFILE_IMAGE_BYTES}"
            )));
        }
        // SigV4 presigned URLs live at most 7 days.
        if !(1..=7 * 24 * 3600).contains(&self.profile_image_url_ttl_secs) {
            return Err(ConfigError::Invalid(
                "profile_image_url_ttl_secs must be between 1 and 604800 (7 days)".into(),
            ));
        }
        let s3_required = [
            ("s3_endpoint", &self.s3_endpoint),
            ("s3_bucket", &self.s3_bucket),
            ("s3_access_key_id", &self.s3_access_key_id),
            ("s3_secret_access_key", &self.s3_secret_access_key),
        ];
        if self.profile_image_store == ImageStoreChoice::S3
            && let Some((name, _)) = s3_required.iter().find(|(_, value)| value.is_none())
        {
            return Err(ConfigError::Invalid(format!(
                "profile_image_store = \"s3\" needs {name}"
            )));
        }
        Ok(())
    }

    /// Where clients reach this service: `public_base_url`, else `http://{bind}`.
    pub fn public_base_url(&self) -> String {
        self.public_base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
    }

    /// The store's connection pool: `db_pool_size` connections, `db_pool_wait_ms` of wait,
    /// shared by the HTTP workers and the thread of the background work.
    pub fn pool_limits(&self) -> PoolLimits {
        PoolLimits {
            size: self.db_pool_size,
            wait: std::time::Duration::from_millis(self.db_pool_wait_ms),
            threads: self.http_worker_threads() + 1,
        }
    }

    /// How many HTTP worker threads serve: `http_workers`, or one per core.
    pub fn http_worker_threads(&self) -> usize {
        match self.http_workers {
            0 => std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
            workers => workers,
        }
    }

    /// The database URL, defaulting to an SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("accounts.db").display()))
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "config_documentation_tests.rs"]
mod documentation_tests;
