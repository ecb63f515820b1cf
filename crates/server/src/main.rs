use std::collections::HashMap;
use std::process::ExitCode;

use account_server::config::Config;

const USAGE: &str = "\
account-service: one account service for the Lux, account-management and other seed APIs

USAGE:
    account-service [serve]     run the HTTP service (default)
    account-service migrate     apply database migrations and exit
    account-service provision-devices FILE
                                add devices to the inventory from a CSV or JSON file
    account-service set-roles EMAIL ROLES
                                set an account's roles, e.g. SERVER,USER or ADMIN,USER
    account-service outbox list messages waiting and dead per channel, the dead ones
                                with their last error
    account-service outbox retry ID
                                queue a dead message again
    account-service healthcheck exit 0 when the service on this machine (at `bind`) is
                                ready, 1 when not: a container's health command
    account-service help        print this text

Configuration: ./account-service.toml (or the file in ACCOUNT_CONFIG), overridden by
ACCOUNT_<KEY> environment variables, DATABASE_URL and JWT_SECRET. See docs/CONFIGURATION.md.";

/// The operator commands print what they did.
fn run_command(command: &str, config: &Config) -> anyhow::Result<()> {
    use account_server::cli::commands;
    let args: Vec<String> = std::env::args().skip(2).collect();
    let summary = match (command, args.as_slice()) {
        ("provision-devices", [file]) => {
            commands::provision_devices(config, std::path::Path::new(file))?
        }
        ("set-roles", [email, roles]) => commands::set_roles(config, email, roles)?,
        ("outbox", [list]) if list == "list" => commands::outbox_list(config)?,
        ("outbox", [retry, id]) if retry == "retry" => commands::outbox_retry(config, id)?,
        _ => anyhow::bail!("wrong arguments for `{command}`\n\n{USAGE}"),
    };
    println!("{summary}");
    Ok(())
}

fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    if matches!(command.as_str(), "help" | "--help" | "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
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
    let result = match command.as_str() {
        "serve" => account_server::serve::serve(config),
        "migrate" => account_server::serve::migrate(config),
        "provision-devices" | "set-roles" | "outbox" => run_command(&command, &config),
        "healthcheck" => account_server::cli::healthcheck::check(&config.bind)
            .map(|summary| println!("{summary}")),
        other => {
            eprintln!("account-service: unknown command `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
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
