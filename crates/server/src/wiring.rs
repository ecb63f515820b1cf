//! Builds the use cases from configuration: the one place where adapters are chosen.

use std::sync::Arc;

use account_crypto::{
    Argon2PasswordHasher, Argon2Settings, JwtSettings, JwtTokenIssuer, OsSecretGenerator,
};
use account_delivery_dev::DevOutboxSender;
use account_domain::accounts::{AccountService, RootUserService};
use account_domain::auth::{AuthPorts, AuthService, AuthSettings};
use account_domain::children::ChildService;
use account_domain::clock::{Clock, SystemClock};
use account_domain::devices::DeviceService;
use account_domain::notifications::NotificationService;
use account_domain::outbox::{Channel, DispatchSettings, MessageSender, OutboxDispatcher};
use account_domain::policies::PolicyService;
use account_domain::push::PushService;
use account_domain::store::{LuxRepositories, Repositories};
use account_domain::verification::{VerificationService, VerificationSettings};
use anyhow::Context;
use chrono::Duration;

use crate::config::Config;
use crate::secrets::ServiceKeys;
use crate::store::Stores;

/// The use cases and background work of one service instance.
pub struct Services {
    pub repositories: Repositories,
    pub accounts: Arc<AccountService>,
    pub auth: Arc<AuthService>,
    pub verification: Arc<VerificationService>,
    pub dispatcher: Arc<OutboxDispatcher>,
    pub clock: Arc<dyn Clock>,
    pub lux: LuxServices,
}

/// The use cases of the Lux stage.
pub struct LuxServices {
    pub root_users: Arc<RootUserService>,
    pub children: Arc<ChildService>,
    pub devices: Arc<DeviceService>,
    pub policies: Arc<PolicyService>,
    pub notifications: Arc<NotificationService>,
    pub push: Arc<PushService>,
}

pub fn build(config: &Config, stores: Stores, keys: &ServiceKeys) -> anyhow::Result<Services> {
    let Stores {
        core: repositories,
        lux: lux_repositories,
        ..
    } = stores;
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

    let accounts = Arc::new(AccountService::new(
        repositories.accounts.clone(),
        hasher.clone(),
        clock.clone(),
    ));
    let auth_ports = AuthPorts {
        accounts: repositories.accounts.clone(),
        sessions: repositories.sessions.clone(),
        throttle: repositories.throttle.clone(),
        hasher,
        tokens,
        secrets: secrets.clone(),
        clock: clock.clone(),
    };
    let auth = Arc::new(AuthService::new(auth_ports, auth_settings(config)));
    let verification = Arc::new(VerificationService::new(
        repositories.accounts.clone(),
        repositories.codes.clone(),
        repositories.throttle.clone(),
        secrets,
        clock.clone(),
        VerificationSettings {
            resend_cooldown: Duration::seconds(config.code_resend_cooldown_secs),
            ..Default::default()
        },
    ));
    let outbox_file = config.data_dir.join("outbox.jsonl");
    let senders: Vec<Arc<dyn MessageSender>> = [Channel::Email, Channel::Sms, Channel::Push]
        .into_iter()
        .map(|channel| {
            Arc::new(DevOutboxSender::new(channel, outbox_file.clone())) as Arc<dyn MessageSender>
        })
        .collect();
    let dispatcher = Arc::new(OutboxDispatcher::new(
        repositories.outbox.clone(),
        senders,
        clock.clone(),
        DispatchSettings::default(),
    ));
    let lux = lux_services(&repositories, &lux_repositories, &clock);
    Ok(Services {
        repositories,
        accounts,
        auth,
        verification,
        dispatcher,
        clock,
        lux,
    })
}

fn lux_services(core: &Repositories, lux: &LuxRepositories, clock: &Arc<dyn Clock>) -> LuxServices {
    LuxServices {
        root_users: Arc::new(RootUserService::new(
            core.accounts.clone(),
            lux.profiles.clone(),
            lux.notifications.clone(),
            clock.clone(),
        )),
        children: Arc::new(ChildService::new(lux.children.clone(), clock.clone())),
        devices: Arc::new(DeviceService::new(lux.devices.clone(), clock.clone())),
        policies: Arc::new(PolicyService::new(lux.policies.clone(), clock.clone())),
        notifications: Arc::new(NotificationService::new(
            lux.notifications.clone(),
            clock.clone(),
        )),
        push: Arc::new(PushService::new(
            lux.push_tokens.clone(),
            lux.policies.clone(),
            clock.clone(),
        )),
    }
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
        ..defaults
    }
}

fn auth_settings(config: &Config) -> AuthSettings {
    AuthSettings {
        access_token_ttl: Duration::seconds(config.access_token_ttl_secs),
        refresh_token_ttl: Duration::seconds(config.refresh_token_ttl_secs),
        session_max_age: Duration::seconds(config.session_max_age_secs),
        refresh_grace: Duration::seconds(config.refresh_grace_secs),
        ..AuthSettings::default()
    }
}
