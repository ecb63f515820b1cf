use std::collections::HashMap;
use std::process::ExitCode;

use account_server::config::Config;

const USAGE: &str = "\
account-service: one account service for the Lux, account-management and other seed APIs

USAGE:
    account-service [serve]     run the HTTP service (default)
    account-service migrate     apply database migrations and exit
    account-service help        print this text

Configuration: ./account-service.toml (or the file in ACCOUNT_CONFIG), overridden by
ACCOUNT_<KEY> environment variables, DATABASE_URL and JWT_SECRET. See docs/CONFIGURATION.md.";

fn main() -> ExitCode {
    account_server::serve::init_tracing();
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
    let result = match command.as_str() {
        "serve" => account_server::serve::serve(config),
        "migrate" => account_server::serve::migrate(config),
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
