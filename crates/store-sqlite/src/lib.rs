//! The embedded SQLite store, the default for `cargo run`: one file, created on first use,
//! WAL mode, one writer connection and a few readers, serving the repositories of
//! `account-store-sql`.

mod location;
mod migrations;
mod pools;
mod store;

pub use location::DatabaseFile;
pub use migrations::run_migrations;
pub use store::SqliteStore;
