//! The PostgreSQL store: a pool of `AsyncPgConnection`s (tokio-postgres underneath, no libpq)
//! and the repositories of every store port, expanded from `account-store-sql`.

mod migrations;
mod store;

pub use migrations::run_migrations;
pub use store::PgStore;

account_store_sql::sql_repositories! {
    dialect: postgres,
    store: PgStore,
    accounts: PgAccountRepository,
    sessions: PgSessionRepository,
    throttle: PgThrottleRepository,
    codes: PgVerificationCodeRepository,
    outbox: PgOutboxRepository,
    health: PgStoreHealth,
    children: PgChildRepository,
    devices: PgDeviceRepository,
    policies: PgPolicyRepository,
    notifications: PgNotificationSettingsRepository,
    push_tokens: PgPushTokenRepository,
}
