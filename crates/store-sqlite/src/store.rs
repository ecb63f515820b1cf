use account_domain::UnexpectedError;
use account_store_sql::ConnectionSource;
use diesel_async::pooled_connection::deadpool::{Object, Pool};

use crate::location::DatabaseFile;
use crate::migrations::run_migrations;
use crate::pools::{Role, SqliteAsyncConnection, pool};

/// Connections to one SQLite file: one writer, several readers. Cheap to clone; every
/// repository holds one. `repositories()` (expanded in `lib.rs` by `sql_repositories!`)
/// bundles them all.
///
/// SQLite allows one writer at a time. Every write and every transaction goes through the
/// single writer connection, and write transactions begin with `BEGIN IMMEDIATE`, so writers
/// queue in the pool instead of failing with `SQLITE_BUSY`; in WAL mode the readers never
/// wait for the writer.
#[derive(Clone)]
pub struct SqliteStore {
    writer: Pool<SqliteAsyncConnection>,
    readers: Pool<SqliteAsyncConnection>,
}

impl SqliteStore {
    /// Readers when not told otherwise.
    pub const DEFAULT_READERS: usize = 4;

    /// Opens the file at `path_or_url` (a path, or `sqlite://path`), creating it and its
    /// directory on first run, and applies pending migrations.
    pub async fn open(path_or_url: &str) -> Result<Self, UnexpectedError> {
        Self::open_with_readers(path_or_url, Self::DEFAULT_READERS).await
    }

    /// [`open`](Self::open) with `readers` reader connections.
    pub async fn open_with_readers(
        path_or_url: &str,
        readers: usize,
    ) -> Result<Self, UnexpectedError> {
        run_migrations(path_or_url).await?;
        let path = DatabaseFile::parse(path_or_url)?.connection_string()?;
        Ok(Self {
            writer: pool(&path, 1, Role::Writer)?,
            readers: pool(&path, readers.max(1), Role::Reader)?,
        })
    }
}

impl SqliteStore {
    /// The pools as the repositories take them.
    pub fn database(&self) -> account_store_sql::Database {
        account_store_sql::Database::Sqlite(account_store_sql::SqlitePools::new(
            self.writer.clone(),
            self.readers.clone(),
        ))
    }
}

async fn get(
    pool: &Pool<SqliteAsyncConnection>,
    role: &str,
) -> Result<Object<SqliteAsyncConnection>, UnexpectedError> {
    pool.get().await.map_err(|err| {
        UnexpectedError::with_source(format!("getting a SQLite {role} connection"), err)
    })
}

impl ConnectionSource for SqliteStore {
    type Connection = SqliteAsyncConnection;
    type Guard = Object<SqliteAsyncConnection>;

    async fn reader(&self) -> Result<Self::Guard, UnexpectedError> {
        get(&self.readers, "reader").await
    }

    async fn writer(&self) -> Result<Self::Guard, UnexpectedError> {
        get(&self.writer, "writer").await
    }
}
