use account_domain::UnexpectedError;
use account_store_sql::ConnectionSource;
use diesel_async::AsyncPgConnection;
use diesel_async::pooled_connection::AsyncDieselConnectionManager;
use diesel_async::pooled_connection::deadpool::{Object, Pool};

use crate::migrations::run_migrations;

/// A pool of PostgreSQL connections. Cheap to clone; every repository holds one.
/// `repositories()` (expanded in `lib.rs` by `sql_repositories!`) bundles them all.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool<AsyncPgConnection>,
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
        Ok(Self { pool })
    }

    /// The pool as the repositories take it.
    pub fn database(&self) -> account_store_sql::Database {
        account_store_sql::Database::Postgres(self.pool.clone())
    }

    async fn connection(&self) -> Result<Object<AsyncPgConnection>, UnexpectedError> {
        self.pool
            .get()
            .await
            .map_err(|err| UnexpectedError::with_source("getting a PostgreSQL connection", err))
    }
}

/// PostgreSQL runs reads and writes on any pooled connection; read-then-write transactions
/// lock the rows they read.
impl ConnectionSource for PgStore {
    type Connection = AsyncPgConnection;
    type Guard = Object<AsyncPgConnection>;

    async fn reader(&self) -> Result<Self::Guard, UnexpectedError> {
        self.connection().await
    }

    async fn writer(&self) -> Result<Self::Guard, UnexpectedError> {
        self.connection().await
    }
}
