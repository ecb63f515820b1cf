use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::secrets::SecretSealer;
use account_domain::store::Repositories;
use account_store_sql::Database;
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
    /// Applies pending migrations, then opens a pool of at most `max_connections`.
    /// Fails if the database cannot be reached or migrated.
    pub async fn connect(url: &str, max_connections: usize) -> Result<Self, UnexpectedError> {
        let max_connections = max_connections.max(1);
        run_migrations(url).await?;
        let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new(url);
        let pool = Pool::builder(manager)
            .max_size(max_connections)
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
