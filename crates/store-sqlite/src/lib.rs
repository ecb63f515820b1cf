//! The embedded SQLite store, the default for `cargo run`: one file, created on first use,
//! WAL mode, one writer connection and a few readers, and the repositories of every store
//! port, expanded from `account-store-sql`.

mod location;
mod migrations;
mod pools;
mod store;

pub use location::DatabaseFile;
pub use migrations::run_migrations;
pub use store::SqliteStore;

account_store_sql::sql_repositories! {
    dialect: sqlite,
    store: SqliteStore,
    accounts: SqliteAccountRepository,
    sessions: SqliteSessionRepository,
    throttle: SqliteThrottleRepository,
    codes: SqliteVerificationCodeRepository,
    outbox: SqliteOutboxRepository,
    health: SqliteStoreHealth,
    children: SqliteChildRepository,
    devices: SqliteDeviceRepository,
    policies: SqlitePolicyRepository,
    notifications: SqliteNotificationSettingsRepository,
    push_tokens: SqlitePushTokenRepository,
}
