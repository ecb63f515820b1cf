//! Opens the store named by the database URL.

use account_domain::UnexpectedError;
use account_domain::store::Repositories;
use account_store_postgres::PgStore;
use account_store_sqlite::SqliteStore;

/// `postgres://` / `postgresql://` → PostgreSQL; `sqlite://path` or a bare path → SQLite.
/// Migrations are applied on open. Returns every repository of the store.
pub async fn open(url: &str, pool_size: usize) -> Result<Repositories, UnexpectedError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        tracing::info!("store: PostgreSQL");
        Ok(PgStore::connect(url, pool_size).await?.repositories())
    } else {
        tracing::info!(path = url.trim_start_matches("sqlite://"), "store: SQLite");
        Ok(SqliteStore::open(url).await?.repositories())
    }
}
