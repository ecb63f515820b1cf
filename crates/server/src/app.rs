//! The HTTP application state and settings of one instance.

use account_http::{AppState, HttpSettings, LuxState};

use crate::config::Config;
use crate::wiring::Services;

pub fn state(services: &Services) -> AppState {
    AppState {
        accounts: services.accounts.clone(),
        auth: services.auth.clone(),
        verification: services.verification.clone(),
        health: services.repositories.health.clone(),
        clock: services.clock.clone(),
        lux: LuxState {
            root_users: services.lux.root_users.clone(),
            children: services.lux.children.clone(),
            devices: services.lux.devices.clone(),
            policies: services.lux.policies.clone(),
            notifications: services.lux.notifications.clone(),
            push: services.lux.push.clone(),
        },
    }
}

pub fn http_settings(config: &Config) -> HttpSettings {
    HttpSettings {
        body_limit: config.body_limit_bytes,
        trust_forwarded_for: config.trust_forwarded_for,
    }
}
