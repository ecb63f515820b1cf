//! `account-service provision-devices FILE`, `set-roles EMAIL ROLES` and `outbox list|retry ID`.

use std::path::Path;
use std::sync::Arc;

use account_crypto::XChaChaSealer;
use account_domain::accounts::{RegisterCommand, RegisterError, RoleService};
use account_domain::auth::ClientInfo;
use account_domain::clock::SystemClock;
use account_domain::devices::{DeviceKey, DeviceService};
use account_domain::outbox::{DEAD_LISTED, Operator, OutboxOperations, RequeueError};
use account_domain::values::{Email, Password, PersonName, Roles};
use account_store_sql::PoolLimits;
use anyhow::{Context, bail};

use super::{device_file, import_progress};
use crate::config::Config;
use crate::serve::runtime;
use crate::store;

/// Adds the devices of a CSV or JSON file to the inventory; rows already there are reported,
/// not added again, so a file can be loaded twice safely. A large file shows a progress bar
/// on a terminal.
pub fn provision_devices(config: &Config, file: &Path) -> anyhow::Result<String> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let devices = match device_file::parse(&text) {
        Ok(devices) => devices,
        Err(problems) => bail!(
            "{} has invalid rows, nothing was stored:\n  {}",
            file.display(),
            problems.join("\n  ")
        ),
    };
    runtime()?.block_on(async {
        let repositories = store::open(&config.database_url(), 2)
            .await
            .context("opening the store")?;
        let service = DeviceService::new(repositories.devices, Arc::new(SystemClock));
        let bar = import_progress::bar(devices.len());
        let report = service
            .import_with_progress(devices, |stored| import_progress::advance(&bar, stored))
            .await;
        bar.finish_and_clear();
        let report = report.context("storing the devices")?;
        let mut summary = format!(
            "created {}, already present {}",
            report.created.len(),
            report.duplicates.len()
        );
        for duplicate in &report.duplicates {
            let key = match duplicate.key {
                DeviceKey::SerialCode => "serial_code",
                DeviceKey::UniqueId => "unique_id",
            };
            summary.push_str(&format!(
                "\n  row {}: {} exists ({key})",
                duplicate.index + 1,
                duplicate.serial_code.as_str()
            ));
        }
        Ok(summary)
    })
}

/// Sets the roles of an account, e.g. `set-roles ops@example.com SERVER,USER`: how the first
/// ADMIN or SERVER account comes to be. The change is written to the audit log (by `cli`).
pub fn set_roles(config: &Config, email: &str, roles: &str) -> anyhow::Result<String> {
    let email = Email::parse(email).context("not an email address")?;
    let roles = Roles::parse_csv(roles)
        .context("roles are a comma-separated list of ADMIN, SERVER, STAFF, USER")?;
    runtime()?.block_on(async {
        let repositories = store::open(&config.database_url(), 2)
            .await
            .context("opening the store")?;
        let service = RoleService::new(
            repositories.accounts,
            repositories.unit_of_work,
            Arc::new(SystemClock),
        );
        let account = service.set_roles(&email, roles).await?;
        Ok(format!(
            "account {} ({}) now has roles {}",
            account.id.0,
            account.email,
            account.roles.to_csv()
        ))
    })
}

/// `account-service outbox list`: per channel, the messages waiting and dead, then the newest
/// dead messages with their last error (no recipient, no parameter: nothing secret). The same
/// use case as `GET /admin/outbox`.
pub fn outbox_list(config: &Config) -> anyhow::Result<String> {
    runtime()?.block_on(async {
        let operations = outbox_operations(config).await?;
        let overview = operations.overview(Operator::CommandLine).await?;
        let mut out = String::from("channel  pending  dead");
        for channel in &overview.depth {
            out.push_str(&format!(
                "\n{:<8} {:>7} {:>5}",
                channel.channel.as_str(),
                channel.pending,
                channel.dead
            ));
        }
        out.push_str(&format!("\ndead messages (newest {DEAD_LISTED}):"));
        for message in &overview.dead {
            out.push_str(&format!(
                "\n  {} {} {} attempts={} dead_at={} error={}",
                message.id,
                message.channel.as_str(),
                message.template.as_str(),
                message.attempts,
                message.dead_at.format("%Y-%m-%dT%H:%M:%SZ"),
                message.last_error.as_deref().unwrap_or("-")
            ));
        }
        Ok(out)
    })
}

/// `account-service outbox retry ID`: puts a dead message back in the queue, due now (the same
/// use case as `POST /admin/outbox/{id}/retry`).
pub fn outbox_retry(config: &Config, id: &str) -> anyhow::Result<String> {
    let id: i64 = id.parse().context("ID is the number `outbox list` shows")?;
    runtime()?.block_on(async {
        let operations = outbox_operations(config).await?;
        match operations.requeue(Operator::CommandLine, id).await {
            Ok(()) => Ok(format!("outbox message {id} queued again")),
            Err(RequeueError::NotDead) => bail!("no dead outbox message {id}"),
            Err(other) => Err(other.into()),
        }
    })
}

/// The operators' outbox use cases over the store, opened without the outbox key: they read
/// no parameter.
async fn outbox_operations(config: &Config) -> anyhow::Result<OutboxOperations> {
    let repositories = store::open(&config.database_url(), 2)
        .await
        .context("opening the store")?;
    Ok(OutboxOperations::new(
        repositories.outbox,
        Arc::new(SystemClock),
    ))
}

/// `account-service config check`: the effective configuration, secrets hidden, and whether
/// production would accept it (and why not).
pub fn config_check(config: &Config) -> String {
    let verdict = match config.production_refusal() {
        None => "production would accept this configuration".to_owned(),
        Some(reason) => format!("production would refuse this configuration: {reason}"),
    };
    format!("{config:#?}\n{verdict}")
}

/// `account-service create-admin EMAIL`: a new account with the roles ADMIN and USER, its
/// password under the same rules as every sign-up (the caller reads it without echo). An
/// address that already has an account is refused: `set-roles` changes an existing one.
pub fn create_admin(
    config: &Config,
    email: &str,
    name: Option<&str>,
    password: &str,
) -> anyhow::Result<String> {
    let email = Email::parse(email).context("not an email address")?;
    let password = Password::parse(password).map_err(|error| anyhow::anyhow!("{error}"))?;
    let name = name
        .map(PersonName::parse)
        .transpose()
        .map_err(|error| anyhow::anyhow!("--name: {error}"))?;
    let keys = crate::secrets::resolve(config).context("the service's keys")?;
    runtime()?.block_on(async {
        let sealer = Arc::new(XChaChaSealer::new(&keys.outbox).context("outbox sealer")?);
        let repositories =
            store::open_sealed(&config.database_url(), PoolLimits::of_size(2), sealer)
                .await
                .context("opening the store")?;
        let services = crate::wiring::build(config, repositories.clone(), &keys)?;
        let command = RegisterCommand {
            name,
            ..RegisterCommand::new(email.clone(), password)
        };
        let operator = ClientInfo {
            ip: None,
            user_agent: Some("account-service create-admin".into()),
        };
        match services.state.accounts.register(command, &operator).await {
            Ok(_) => {}
            Err(RegisterError::EmailTaken) => {
                bail!("{email} already has an account: use `set-roles {email} ADMIN,USER`")
            }
            Err(error) => bail!("{error}"),
        }
        let roles = RoleService::new(
            repositories.accounts,
            repositories.unit_of_work,
            Arc::new(SystemClock),
        );
        let account = roles
            .set_roles(&email, Roles::parse_csv("ADMIN,USER")?)
            .await?;
        Ok(format!(
            "account {} ({}) created with roles {}",
            account.id.0,
            account.email,
            account.roles.to_csv()
        ))
    })
}
