//! What the PostgreSQL and SQLite store adapters share: one schema, the row types and their
//! conversions, the translation of driver errors, and the repository code, written once.
//!
//! diesel-async has no async `MultiConnection`, so the repositories are expanded per
//! connection type by [`sql_repositories!`]: each backend crate supplies a
//! [`ConnectionSource`] and invokes the macro once, naming its adapter types.

mod connection;
mod database;
pub mod errors;
pub mod repositories;
pub mod rows;
pub mod schema;
#[cfg(test)]
mod test_times;
pub mod time;

pub use connection::ConnectionSource;
pub use database::{Conn, Database, PgPool, SqliteConnection, SqlitePools, Work};

/// The crates the generated repositories use, so that a backend crate needs no more.
#[doc(hidden)]
pub mod __private {
    pub use account_domain;
    pub use async_trait;
    pub use chrono;
    pub use diesel;
    pub use diesel_async;
}
