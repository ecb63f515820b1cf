//! The repositories of every store port, for PostgreSQL and SQLite: one schema, the row types
//! and their conversions, the translation of driver errors, and plain repository structs over a
//! [`Database`] (one of two pools).
//!
//! diesel-async has no async connection that serves several backends, so each diesel statement
//! is compiled once per backend by [`db_run!`]; everything around the statements (structs,
//! signatures, transactions, the calls into the domain's rules) is written once. The backend
//! crates (`account-store-postgres`, `account-store-sqlite`) open the pools and migrate.

mod database;
pub mod errors;
pub mod repositories;
pub mod rows;
pub mod schema;
#[cfg(test)]
mod test_times;
pub mod time;

pub use database::{
    Conn, Database, KeyedBySql, PgPool, PgPools, PoolLimits, SqliteConnection, SqlitePools, Work,
    keyed_by_sql, serialize_on_key,
};

/// What [`db_run!`] names from the caller's crate.
#[doc(hidden)]
pub mod __private {
    pub use diesel_async;
}
