//! The PostgreSQL store: migrations and a pool of `AsyncPgConnection`s (tokio-postgres
//! underneath, no libpq), serving the repositories of `account-store-sql`.

mod migrations;
mod store;

pub use migrations::run_migrations;
pub use store::PgStore;
