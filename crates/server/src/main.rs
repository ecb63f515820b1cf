use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use account_server::cli::{commands, healthcheck};
use account_server::config::Config;
use clap::{Parser, Subcommand};

/// One account service for the Lux, account-management, accounts-roles, SG-Finder and
/// service-user APIs.
#[derive(Parser)]
#[command(
    name = "account-service",
    version,
    after_help = "Configuration: ./account-service.toml (or the file in ACCOUNT_CONFIG), overridden by \
ACCOUNT_<KEY> environment variables, DATABASE_URL and JWT_SECRET. See docs/CONFIGURATION.md.\n\
Exit codes: 0 done, 1 the command failed, 2 wrong usage or configuration."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP service (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// The device inventory.
    Devices {
        #[command(subcommand)]
        command: DevicesCommand,
    },
    /// Add devices to the inventory from a CSV or JSON file (as `devices import`).
    #[command(hide = true)]
    ProvisionDevices { file: PathBuf },
    /// Create an ADMIN account. The password comes from CREATE_ADMIN_PASSWORD, else it is
    /// asked for on the terminal without echo.
    CreateAdmin {
        email: String,
        /// The account's display name.
        #[arg(long)]
        name: Option<String>,
    },
    /// Set an account's roles, e.g. SERVER,USER or ADMIN,USER (USER is always kept; audited).
    SetRoles { email: String, roles: String },
    /// Outgoing messages.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
    /// The configuration.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Exit 0 when the service on this machine (at `bind`) is ready, 1 when not: a
    /// container's health command.
    Healthcheck,
}

#[derive(Subcommand)]
enum DevicesCommand {
    /// Add devices from a CSV or JSON file; running it again adds nothing twice.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum OutboxCommand {
    /// Messages waiting and dead per channel, and the dead ones with their last error.
    List,
    /// Queue a dead message again.
    Retry { id: String },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print the effective configuration (secrets hidden) and what production would refuse.
    Check,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let env: HashMap<String, String> = std::env::vars().collect();
    let config = match Config::load(&env) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("account-service: {error}");
            return ExitCode::from(2);
        }
    };
    account_server::serve::init_tracing(config.log_format);
    let ignored = Config::ignored_environment(&env);
    if !ignored.is_empty() {
        tracing::warn!(
            names = %ignored.join(", "),
            "ignoring ACCOUNT_ environment variables that name no configuration key"
        );
    }
    let printed = |summary: anyhow::Result<String>| summary.map(|text| println!("{text}"));
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => account_server::serve::serve(config),
        Command::Migrate => account_server::serve::migrate(config),
        Command::Devices {
            command: DevicesCommand::Import { file },
        }
        | Command::ProvisionDevices { file } => {
            printed(commands::provision_devices(&config, &file))
        }
        Command::CreateAdmin { email, name } => admin_password().and_then(|password| {
            printed(commands::create_admin(
                &config,
                &email,
                name.as_deref(),
                &password,
            ))
        }),
        Command::SetRoles { email, roles } => printed(commands::set_roles(&config, &email, &roles)),
        Command::Outbox {
            command: OutboxCommand::List,
        } => printed(commands::outbox_list(&config)),
        Command::Outbox {
            command: OutboxCommand::Retry { id },
        } => printed(commands::outbox_retry(&config, &id)),
        Command::Config {
            command: ConfigCommand::Check,
        } => printed(Ok(commands::config_check(&config))),
        Command::Healthcheck => printed(healthcheck::check(&config.bind)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("account-service: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The new ADMIN's password: `CREATE_ADMIN_PASSWORD`, else typed on the terminal (not echoed).
fn admin_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("CREATE_ADMIN_PASSWORD") {
        return Ok(password);
    }
    let password = rpassword::prompt_password("Password for the new ADMIN: ")?;
    let again = rpassword::prompt_password("Again: ")?;
    anyhow::ensure!(password == again, "the two passwords differ");
    Ok(password)
}
