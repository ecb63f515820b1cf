use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::secrets::SecretSealer;
use account_domain::store::Repositories;
use account_store_sql::{Database, PoolLimits};
use diesel_async::AsyncPgConnection;
use diesel_async::pooled_connection::AsyncDieselConnectionManager;
use diesel_async::pooled_connection::deadpool::Pool;

use crate::migrations::run_migrations;

/// A pool of PostgreSQL connections. Cheap to clone.
#[derive(Clone)]
pub struct PgStore {
    database: Database,
}

impl PgStore {
    /// Applies pending migrations, then opens a pool within `limits`.
    /// Fails if the database cannot be reached or migrated.
    pub async fn connect(url: &str, limits: PoolLimits) -> Result<Self, UnexpectedError> {
        run_migrations(url).await?;
        let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new(url);
        let pool = limits
            .apply(Pool::builder(manager))
            .build()
            .map_err(|err| UnexpectedError::with_source("building the PostgreSQL pool", err))?;
        Ok(Self {
            database: Database::Postgres(pool),
        })
    }

    /// The pool as the repositories take it.
    pub fn database(&self) -> &Database {
        &self.database
    }

    /// Every repository of this store, to wire into the application; the secret parameters of
    /// outbox messages are sealed with `sealer`.
    pub fn repositories(&self, sealer: Arc<dyn SecretSealer>) -> Repositories {
        self.database.repositories(sealer)
    }
}
