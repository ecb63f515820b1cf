//! Opens the store named by the database URL.

use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::accounts::AccountRoleRepository;
use account_domain::store::{LuxRepositories, Repositories};
use account_store_postgres::PgStore;
use account_store_sqlite::SqliteStore;

/// Every repository of one store.
#[derive(Clone)]
pub struct Stores {
    pub core: Repositories,
    pub lux: LuxRepositories,
    pub roles: Arc<dyn AccountRoleRepository>,
}

/// `postgres://` / `postgresql://` → PostgreSQL; `sqlite://path` or a bare path → SQLite.
/// Migrations are applied on open.
pub async fn open(url: &str, pool_size: usize) -> Result<Stores, UnexpectedError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        tracing::info!("store: PostgreSQL");
        let store = PgStore::connect(url, pool_size).await?;
        Ok(Stores {
            core: store.repositories(),
            lux: store.lux_repositories(),
            roles: store.role_repository(),
        })
    } else {
        tracing::info!(path = url.trim_start_matches("sqlite://"), "store: SQLite");
        let store = SqliteStore::open(url).await?;
        Ok(Stores {
            core: store.repositories(),
            lux: store.lux_repositories(),
            roles: store.role_repository(),
        })
    }
}
