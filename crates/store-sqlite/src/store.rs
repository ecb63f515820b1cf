use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::secrets::SecretSealer;
use account_domain::store::Repositories;
use account_store_sql::{Database, PoolLimits, SqlitePools};

use crate::location::DatabaseFile;
use crate::migrations::run_migrations;
use crate::pools::{Role, pool};

/// Connections to one SQLite file: one writer, several readers. Cheap to clone.
///
/// SQLite allows one writer at a time. Every write and every transaction goes through the
/// single writer connection, and write transactions begin with `BEGIN IMMEDIATE`, so writers
/// queue in the pool instead of failing with `SQLITE_BUSY`; in WAL mode the readers never
/// wait for the writer.
#[derive(Clone)]
pub struct SqliteStore {
    database: Database,
}

impl SqliteStore {
    /// Readers when not told otherwise.
    pub const DEFAULT_READERS: usize = 4;

    /// Opens the file at `path_or_url` (a path, or `sqlite://path`), creating it and its
    /// directory on first run, and applies pending migrations.
    pub async fn open(path_or_url: &str) -> Result<Self, UnexpectedError> {
        Self::open_with(path_or_url, PoolLimits::of_size(Self::DEFAULT_READERS)).await
    }

    /// [`open`](Self::open) with `readers.size` reader connections; a unit of work waits at
    /// most `readers.wait` for its connection (the writer's too).
    pub async fn open_with(
        path_or_url: &str,
        readers: PoolLimits,
    ) -> Result<Self, UnexpectedError> {
        run_migrations(path_or_url).await?;
        let path = DatabaseFile::parse(path_or_url)?.connection_string()?;
        let writer = PoolLimits { size: 1, ..readers };
        let pools = SqlitePools::new(
            pool(&path, writer, Role::Writer)?,
            pool(&path, readers, Role::Reader)?,
        );
        Ok(Self {
            database: Database::Sqlite(pools),
        })
    }

    /// The pools as the repositories take them.
    pub fn database(&self) -> &Database {
        &self.database
    }

    /// Every repository of this store, to wire into the application; the secret parameters of
    /// outbox messages are sealed with `sealer`.
    pub fn repositories(&self, sealer: Arc<dyn SecretSealer>) -> Repositories {
        self.database.repositories(sealer)
    }
}
