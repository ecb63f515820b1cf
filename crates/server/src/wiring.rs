//! Builds the use cases from configuration: the one place where adapters are chosen.

use std::sync::Arc;

use account_crypto::{
    Argon2PasswordHasher, Argon2Settings, JwtSettings, JwtTokenIssuer, OsJitter, OsSecretGenerator,
};
use account_delivery_dev::DevOutbox;
use account_delivery_fcm::{FcmPushSender, FcmSettings, ServiceAccount};
use account_delivery_sms::{NhnCloudSmsSender, NhnCloudSmsSettings};
use account_delivery_smtp::{SmtpEmailSender, SmtpSettings};
use account_domain::accounts::{
    AccountEditor, AccountService, RegistrationSettings, RootUserService,
};
use account_domain::admin::{AdminService, AnonymizationJob, RetentionPolicy};
use account_domain::audit::AuditService;
use account_domain::auth::{AuthPorts, AuthService, AuthSettings, SessionTokenLifetime};
use account_domain::children::{ChildService, ClaimSettings};
use account_domain::clock::{Clock, SystemClock};
use account_domain::delivery::{EmailSender, PushSender, SmsSender};
use account_domain::devices::DeviceService;
use account_domain::email_codes::{EmailCodePorts, EmailCodeService, EmailCodeSettings};
use account_domain::notifications::NotificationService;
use account_domain::outbox::{
    DispatchPorts, DispatchSettings, OutboxDispatcher, OutboxOperations, Senders,
};
use account_domain::players::PlayerService;
use account_domain::policies::PolicyService;
use account_domain::profile_images::{
    ImageSettings, ProfileImagePorts, ProfileImageService, ProfileImageStore, SelfHostedImages,
};
use account_domain::purge::{PurgeJob, PurgePolicy, PurgePorts};
use account_domain::push::{PushSendService, PushService};
use account_domain::recovery::{PasswordResetService, ResetPorts, ResetSettings};
use account_domain::sign_in::{IdentityProvider, SignInPorts, SignInService, SignInSettings};
use account_domain::store::Repositories;
use account_domain::throttle::ThrottleRule;
use account_domain::verification::{VerificationPorts, VerificationService, VerificationSettings};
use account_http::AppState;
use account_oidc_google::{OidcIdentityProvider, OidcSettings};
use account_storage_local::LocalImageStore;
use account_storage_s3::{S3ImageStore, S3Settings};
use anyhow::Context;
use chrono::Duration;

use crate::config::{Config, ImageStoreChoice, SenderChoice};
use crate::secrets::ServiceKeys;

/// One service instance: the use cases the routes call, and the outbox worker's dispatcher.
pub struct Services {
    pub state: AppState,
    pub dispatcher: Arc<OutboxDispatcher>,
    /// Erases the personal fields of deleted accounts once their retention is over.
    pub anonymizer: Arc<AnonymizationJob>,
    /// Deletes sent messages and expired codes, sessions, tokens, counters and sign-ins.
    pub purger: Arc<PurgeJob>,
    pub repositories: Repositories,
}

pub fn build(
    config: &Config,
    repositories: Repositories,
    keys: &ServiceKeys,
) -> anyhow::Result<Services> {
    let repos = &repositories;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let hasher =
        Arc::new(Argon2PasswordHasher::new(&argon2_settings(config)).context("password hasher")?);
    let jwt = JwtSettings {
        issuer: config.jwt_issuer.clone(),
        audience: config.jwt_audience.clone(),
        leeway_seconds: config.jwt_leeway_secs,
    };
    let tokens = Arc::new(JwtTokenIssuer::new(&keys.jwt, jwt).context("access token issuer")?);
    let secrets = Arc::new(OsSecretGenerator::new(&keys.digest).context("secret generator")?);

    let sign_in = SignInService::new(
        SignInPorts {
            providers: identity_providers(config)?,
            pending: repos.pending_sign_ins.clone(),
            identities: repos.identities.clone(),
            accounts: repos.accounts.clone(),
            browser_sessions: repos.browser_sessions.clone(),
            throttle: repos.throttle.clone(),
            secrets: secrets.clone(),
            digester: secrets.clone(),
            clock: clock.clone(),
        },
        SignInSettings {
            pending_ttl: Duration::seconds(config.oauth_pending_ttl_secs),
            browser_session_ttl: Duration::seconds(config.browser_session_ttl_secs),
            ..SignInSettings::default()
        },
    );
    let auth_ports = AuthPorts {
        accounts: repos.accounts.clone(),
        sessions: repos.sessions.clone(),
        session_tokens: repos.session_tokens.clone(),
        throttle: repos.throttle.clone(),
        hasher: hasher.clone(),
        tokens: tokens.clone(),
        verifier: tokens,
        secrets: secrets.clone(),
        digester: secrets.clone(),
        unit_of_work: repos.unit_of_work.clone(),
        clock: clock.clone(),
    };
    let profile_images = profile_images(config, repos, keys, secrets.clone(), clock.clone())?;
    let verification = Arc::new(VerificationService::new(
        VerificationPorts {
            accounts: repos.accounts.clone(),
            codes: repos.codes.clone(),
            throttle: repos.throttle.clone(),
            secrets: secrets.clone(),
            digester: secrets.clone(),
            unit_of_work: repos.unit_of_work.clone(),
            clock: clock.clone(),
        },
        VerificationSettings {
            resend_cooldown: Duration::seconds(config.code_resend_cooldown_secs),
            email_link_base: format!(
                "{}{}",
                config.public_base_url().trim_end_matches('/'),
                account_http::pages::VERIFY_EMAIL_PATH
            ),
            ..Default::default()
        },
    ));
    let account_editor = Arc::new(AccountEditor::new(
        repos.accounts.clone(),
        hasher.clone(),
        repos.unit_of_work.clone(),
        verification.clone(),
        clock.clone(),
    ));
    let state = AppState {
        accounts: Arc::new(AccountService::new(
            repos.accounts.clone(),
            hasher.clone(),
            repos.throttle.clone(),
            secrets.clone(),
            clock.clone(),
            registration_settings(config),
        )),
        auth: Arc::new(AuthService::new(auth_ports, auth_settings(config))),
        password_reset: Arc::new(PasswordResetService::new(
            ResetPorts {
                accounts: repos.accounts.clone(),
                codes: repos.codes.clone(),
                throttle: repos.throttle.clone(),
                hasher: hasher.clone(),
                secrets: secrets.clone(),
                digester: secrets.clone(),
                unit_of_work: repos.unit_of_work.clone(),
                clock: clock.clone(),
            },
            ResetSettings {
                resend_cooldown: Duration::seconds(config.code_resend_cooldown_secs),
                link_base: config.password_reset_url.clone(),
                ..ResetSettings::default()
            },
        )),
        email_codes: Arc::new(EmailCodeService::new(
            EmailCodePorts {
                accounts: repos.accounts.clone(),
                codes: repos.codes.clone(),
                identities: repos.identities.clone(),
                throttle: repos.throttle.clone(),
                hasher: hasher.clone(),
                secrets: secrets.clone(),
                digester: secrets.clone(),
                unit_of_work: repos.unit_of_work.clone(),
                clock: clock.clone(),
            },
            EmailCodeSettings {
                resend_cooldown: Duration::seconds(config.account_code_resend_cooldown_secs),
                ..EmailCodeSettings::default()
            },
        )),
        verification,
        account_editor,
        root_users: Arc::new(RootUserService::new(
            repos.accounts.clone(),
            repos.profiles.clone(),
            repos.notifications.clone(),
            clock.clone(),
            repos.unit_of_work.clone(),
        )),
        children: Arc::new(ChildService::new(
            repos.children.clone(),
            repos.unit_of_work.clone(),
            repos.throttle.clone(),
            clock.clone(),
            ClaimSettings::default(),
        )),
        devices: Arc::new(DeviceService::new(repos.devices.clone(), clock.clone())),
        policies: Arc::new(PolicyService::new(
            repos.policies.clone(),
            repos.unit_of_work.clone(),
            clock.clone(),
        )),
        notifications: Arc::new(NotificationService::new(
            repos.notifications.clone(),
            clock.clone(),
        )),
        push: Arc::new(PushService::new(
            repos.push_tokens.clone(),
            repos.policies.clone(),
            clock.clone(),
        )),
        push_sends: Arc::new(PushSendService::new(
            repos.notifications.clone(),
            repos.unit_of_work.clone(),
            clock.clone(),
        )),
        outbox: Arc::new(OutboxOperations::new(repos.outbox.clone(), clock.clone())),
        sign_in: Arc::new(sign_in),
        profile_images: Arc::new(profile_images),
        admin: Arc::new(AdminService::new(
            repos.directory.clone(),
            repos.accounts.clone(),
            repos.unit_of_work.clone(),
            clock.clone(),
            retention_policy(config),
        )),
        audit: Arc::new(AuditService::new(repos.audit.clone())),
        players: Arc::new(PlayerService::new(repos.players.clone(), clock.clone())),
        health: repos.health.clone(),
        metrics: Some(Arc::new(crate::metrics::PrometheusMetrics::new(
            repos.health.clone(),
            hasher.clone(),
        ))),
        clock: clock.clone(),
    };
    let anonymizer = Arc::new(AnonymizationJob::new(
        repos.directory.clone(),
        repos.unit_of_work.clone(),
        clock.clone(),
        retention_policy(config),
    ));
    let purger = Arc::new(PurgeJob::new(
        PurgePorts {
            outbox: repos.outbox.clone(),
            codes: repos.codes.clone(),
            sessions: repos.sessions.clone(),
            throttle: repos.throttle.clone(),
            pending_sign_ins: repos.pending_sign_ins.clone(),
            clock: clock.clone(),
        },
        PurgePolicy::new(Duration::days(i64::from(config.purge_retention_days))),
    ));
    let senders = senders(config)?;
    let dispatch_ports = DispatchPorts {
        outbox: repos.outbox.clone(),
        push_tokens: repos.push_tokens.clone(),
        clock,
        jitter: Arc::new(OsJitter),
    };
    let dispatcher = Arc::new(OutboxDispatcher::new(
        dispatch_ports,
        senders,
        DispatchSettings::default(),
    ));
    Ok(Services {
        state,
        dispatcher,
        anonymizer,
        purger,
        repositories,
    })
}

/// The sender of each channel as configured (`email_sender`, `sms_sender`, `push_sender`),
/// logged at start-up. The dev outbox is one file shared by the channels that use it.
fn senders(config: &Config) -> anyhow::Result<Senders> {
    let outbox = Arc::new(DevOutbox::new(config.data_dir.join("outbox.jsonl")));
    let not_a_provider = |channel: &str, choice: SenderChoice| {
        anyhow::anyhow!(
            "{channel}_sender = \"{}\" is not a sender of that channel",
            choice.as_str()
        )
    };
    let senders = Senders {
        email: match config.email_sender {
            SenderChoice::Dev => Some(outbox.clone() as Arc<dyn EmailSender>),
            SenderChoice::Smtp => Some(smtp_sender(config)?),
            SenderChoice::Disabled => None,
            other => return Err(not_a_provider("email", other)),
        },
        sms: match config.sms_sender {
            SenderChoice::Dev => Some(outbox.clone() as Arc<dyn SmsSender>),
            SenderChoice::Nhn => Some(nhn_sender(config)?),
            SenderChoice::Disabled => None,
            other => return Err(not_a_provider("sms", other)),
        },
        push: match config.push_sender {
            SenderChoice::Dev => Some(outbox as Arc<dyn PushSender>),
            SenderChoice::Fcm => Some(fcm_sender(config)?),
            SenderChoice::Disabled => None,
            other => return Err(not_a_provider("push", other)),
        },
    };
    tracing::info!(
        email = config.email_sender.as_str(),
        sms = config.sms_sender.as_str(),
        push = config.push_sender.as_str(),
        "delivery: senders per channel"
    );
    Ok(senders)
}

/// The profile image store as configured (`profile_image_store`): the local directory, whose
/// upload URLs are signed with a key derived from `digest_secret`, or an S3 bucket.
fn profile_images(
    config: &Config,
    repos: &Repositories,
    keys: &ServiceKeys,
    secrets: Arc<OsSecretGenerator>,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<ProfileImageService> {
    let (store, self_hosted): (
        Arc<dyn ProfileImageStore>,
        Option<Arc<dyn SelfHostedImages>>,
    ) = match config.profile_image_store {
        ImageStoreChoice::Local => {
            let dir = config
                .profile_image_dir
                .clone()
                .unwrap_or_else(|| config.data_dir.join("profile-images"));
            let local = Arc::new(
                LocalImageStore::new(dir, &config.public_base_url(), &keys.digest)
                    .map_err(|e| anyhow::anyhow!("{e:?}"))
                    .context("the local profile image store")?,
            );
            (local.clone(), Some(local))
        }
        ImageStoreChoice::S3 => {
            let required = |value: &Option<String>, name: &str| {
                value
                    .clone()
                    .with_context(|| format!("profile_image_store = \"s3\" needs {name}"))
            };
            let settings = S3Settings {
                endpoint: required(&config.s3_endpoint, "s3_endpoint")?,
                bucket: required(&config.s3_bucket, "s3_bucket")?,
                region: config.s3_region.clone(),
                access_key_id: required(&config.s3_access_key_id, "s3_access_key_id")?,
                secret_access_key: required(&config.s3_secret_access_key, "s3_secret_access_key")?,
                path_style: config.s3_path_style,
                public_base_url: config.s3_public_base_url.clone(),
                timeout: std::time::Duration::from_secs(30),
            };
            let s3 = S3ImageStore::new(settings)
                .map_err(|e| anyhow::anyhow!("{e:?}"))
                .context("the S3 profile image store")?;
            (Arc::new(s3), None)
        }
    };
    tracing::info!(
        store = config.profile_image_store.as_str(),
        "profile images: store"
    );
    let ports = ProfileImagePorts {
        store,
        self_hosted,
        keys: repos.profile_image_keys.clone(),
        accounts: repos.accounts.clone(),
        secrets,
        clock,
    };
    let settings = ImageSettings {
        max_bytes: config.profile_image_max_bytes,
        url_ttl: Duration::seconds(config.profile_image_url_ttl_secs),
    };
    Ok(ProfileImageService::new(ports, settings))
}

/// The SMTP adapter as configured (`smtp_url`, `smtp_from`, `smtp_timeout_secs`,
/// `smtp_ca_file`).
fn smtp_sender(config: &Config) -> anyhow::Result<Arc<dyn EmailSender>> {
    let url = config
        .smtp_url
        .clone()
        .context("email_sender = \"smtp\" needs smtp_url")?;
    let settings = SmtpSettings {
        timeout: std::time::Duration::from_secs(config.smtp_timeout_secs),
        extra_root_ca: config.smtp_ca_file.clone(),
        ..SmtpSettings::new(url, config.smtp_from.clone())
    };
    let sender = SmtpEmailSender::new(settings).context("setting up the SMTP sender")?;
    Ok(Arc::new(sender))
}

/// The NHN Cloud adapter as configured (`nhn_*`). The alim talk keys may be left unset by a
/// service that sends no alim talk: such a call is then refused by NHN (a permanent error).
fn nhn_sender(config: &Config) -> anyhow::Result<Arc<dyn SmsSender>> {
    let required = |value: &Option<String>, name: &str| {
        value
            .clone()
            .with_context(|| format!("sms_sender = \"nhn\" needs {name}"))
    };
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    let settings = NhnCloudSmsSettings {
        sms_base_url: config.nhn_sms_base_url.trim_end_matches('/').to_owned(),
        alimtalk_base_url: config
            .nhn_alimtalk_base_url
            .trim_end_matches('/')
            .to_owned(),
        long_message_title: config.nhn_long_message_title.clone(),
        timeout: std::time::Duration::from_secs(config.nhn_timeout_secs),
        ..NhnCloudSmsSettings::new(
            required(&config.nhn_sms_app_key, "nhn_sms_app_key")?,
            required(&config.nhn_sms_secret_key, "nhn_sms_secret_key")?,
            required(&config.nhn_send_no, "nhn_send_no")?,
            optional(&config.nhn_alimtalk_app_key),
            optional(&config.nhn_alimtalk_secret_key),
            optional(&config.nhn_alimtalk_sender_key),
        )
    };
    let sender = NhnCloudSmsSender::new(settings).context("setting up the NHN Cloud sender")?;
    Ok(Arc::new(sender))
}

/// The FCM adapter as configured (`fcm_service_account_file`, `fcm_base_url`,
/// `fcm_token_url`, `fcm_timeout_secs`). A key file that cannot be read stops start-up.
fn fcm_sender(config: &Config) -> anyhow::Result<Arc<dyn PushSender>> {
    let path = config
        .fcm_service_account_file
        .as_ref()
        .context("push_sender = \"fcm\" needs fcm_service_account_file")?;
    let json = std::fs::read_to_string(path)
        .with_context(|| format!("reading the FCM service-account file {}", path.display()))?;
    // Only where the file is wrong, never a value of it (serde's text may quote one).
    let account = ServiceAccount::from_json(&json).map_err(|e| {
        anyhow::anyhow!(
            "the FCM service-account file {} is not a key file ({:?} error at line {})",
            path.display(),
            e.classify(),
            e.line()
        )
    })?;
    let mut settings = FcmSettings::new(account);
    settings.base_url = config.fcm_base_url.trim_end_matches('/').to_owned();
    if let Some(url) = &config.fcm_token_url {
        settings.token_url = url.clone();
    }
    settings.timeout = std::time::Duration::from_secs(config.fcm_timeout_secs);
    let sender = FcmPushSender::new(settings).context("setting up the FCM sender")?;
    Ok(Arc::new(sender))
}

/// The identity providers users may sign in with: Google when `google_client_id` is set.
fn identity_providers(config: &Config) -> anyhow::Result<Vec<Arc<dyn IdentityProvider>>> {
    let (Some(client_id), Some(secret), Some(redirect_uri)) = (
        config.google_client_id.clone(),
        config.google_client_secret.clone(),
        config.google_redirect_uri.clone(),
    ) else {
        tracing::info!("sign-in with Google: off (google_client_id is not set)");
        return Ok(Vec::new());
    };
    let settings = OidcSettings {
        authorization_endpoint: config.google_authorization_endpoint.clone(),
        token_endpoint: config.google_token_endpoint.clone(),
        jwks_uri: config.google_jwks_uri.clone(),
        issuer: config.google_issuer.clone(),
        ..OidcSettings::google(client_id, secret, redirect_uri)
    };
    let google = OidcIdentityProvider::new(settings).context("setting up Google sign-in")?;
    tracing::info!("sign-in with Google: on");
    Ok(vec![Arc::new(google)])
}

fn argon2_settings(config: &Config) -> Argon2Settings {
    let defaults = Argon2Settings::default();
    Argon2Settings {
        memory_kib: config.argon2_memory_kib,
        iterations: config.argon2_iterations,
        parallelism: config.argon2_parallelism,
        workers: if config.hash_workers == 0 {
            defaults.workers
        } else {
            config.hash_workers
        },
        new_password_workers: config.hash_new_password_workers,
        ..defaults
    }
}

fn registration_settings(config: &Config) -> RegistrationSettings {
    let defaults = RegistrationSettings::default();
    let window = Duration::seconds(config.register_per_ip_window_secs);
    RegistrationSettings {
        per_ip: ThrottleRule {
            limit: config.register_per_ip_limit,
            window,
            lockout: window,
        },
        per_email: ThrottleRule {
            limit: config.register_per_email_limit,
            ..defaults.per_email
        },
        ..defaults
    }
}

fn retention_policy(config: &Config) -> RetentionPolicy {
    RetentionPolicy {
        period: Duration::days(i64::from(config.deleted_account_retention_days)),
    }
}

fn auth_settings(config: &Config) -> AuthSettings {
    AuthSettings {
        access_token_ttl: Duration::seconds(config.access_token_ttl_secs),
        refresh_token_ttl: Duration::seconds(config.refresh_token_ttl_secs),
        session_max_age: Duration::seconds(config.session_max_age_secs),
        refresh_grace: Duration::seconds(config.refresh_grace_secs),
        session_token: SessionTokenLifetime {
            idle: Duration::seconds(config.session_token_idle_secs),
            absolute: Duration::seconds(config.session_token_max_age_secs),
        },
        ..AuthSettings::default()
    }
}
