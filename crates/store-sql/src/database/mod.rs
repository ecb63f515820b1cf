//! Where the repositories take their connections, and how a unit of work runs on one.
//!
//! diesel-async has no async connection that serves several backends, so a [`Database`] is one
//! of two pools and a [`Conn`] one of two connections. Repository code is written once, in
//! plain functions that take `&mut Conn`; the statements themselves are compiled once per
//! backend by [`db_run!`](crate::db_run), the one place that names the backends.

mod keyed_by_sql;
mod locks;
mod pg_pools;
mod pool_limits;
mod postgres;
mod sqlite;

use std::future::Future;
use std::pin::Pin;

use account_domain::UnexpectedError;
use diesel::result::Error as DieselError;
use diesel_async::AsyncPgConnection;

pub use keyed_by_sql::{KeyedBySql, keyed_by_sql};
pub use locks::serialize_on_key;
pub use pg_pools::PgPools;
pub use pool_limits::PoolLimits;
pub use sqlite::{SqliteConnection, SqlitePools};

use crate::errors::{TxError, tx_error};

/// One deadpool's status as the domain counts connections.
macro_rules! connection_use {
    ($pool:expr) => {{
        let status = $pool.status();
        account_domain::store::ConnectionUse {
            open: status.size,
            in_use: status.size.saturating_sub(status.available),
            waiting: status.waiting,
        }
    }};
}
pub(crate) use connection_use;

/// A PostgreSQL pool (one shard of [`PgPools`]).
pub type PgPool = diesel_async::pooled_connection::deadpool::Pool<AsyncPgConnection>;

/// The future a unit of work returns: it borrows the connection for as long as it runs.
pub type Work<'c, T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'c>>;

/// One connection of either backend, lent to a unit of work.
pub enum Conn<'c> {
    Postgres(&'c mut AsyncPgConnection),
    Sqlite(&'c mut SqliteConnection),
}

/// The store's connections: cheap to clone, held by every repository.
///
/// PostgreSQL runs reads and writes on any pooled connection; read-then-write transactions lock
/// the rows they read. SQLite allows one writer at a time: every transaction goes through its
/// single writer connection and begins with `BEGIN IMMEDIATE`, so writers queue in the pool
/// instead of failing with `SQLITE_BUSY`, and readers (WAL mode) never wait for the writer.
#[derive(Clone)]
pub enum Database {
    Postgres(PgPools),
    Sqlite(SqlitePools),
}

impl Database {
    /// How the pools' connections are used right now.
    pub fn connections(&self) -> account_domain::store::ConnectionUse {
        match self {
            Self::Postgres(pools) => pools.connections(),
            Self::Sqlite(pools) => pools.connections(),
        }
    }

    /// Runs `work` on a reader connection, outside a transaction; `doing` names it in errors.
    pub async fn read<T, F>(&self, doing: &'static str, work: F) -> Result<T, UnexpectedError>
    where
        T: Send + 'static,
        F: for<'c, 'k> FnOnce(&'c mut Conn<'k>) -> Work<'c, T, TxError> + Send + 'static,
    {
        let result = match self {
            Self::Postgres(pools) => postgres::read(pools, work).await,
            Self::Sqlite(pools) => pools.read(work).await,
        };
        result.map_err(tx_error(doing))
    }

    /// Runs `work` in one write transaction: committed when it returns `Ok`, rolled back when
    /// it returns `Err`; `doing` names it in errors.
    pub async fn write<T, F>(&self, doing: &'static str, work: F) -> Result<T, UnexpectedError>
    where
        T: Send + 'static,
        F: for<'c, 'k> FnOnce(&'c mut Conn<'k>) -> Work<'c, T, TxError> + Send + 'static,
    {
        self.transaction(work).await.map_err(tx_error(doing))
    }

    /// Runs `work`, one statement that writes: on PostgreSQL outside an explicit transaction
    /// (a single statement is atomic on its own, and `BEGIN`/`COMMIT` would be two more round
    /// trips), on SQLite through the writer like every write. `doing` names it in errors.
    pub async fn write_statement<T, F>(
        &self,
        doing: &'static str,
        work: F,
    ) -> Result<T, UnexpectedError>
    where
        T: Send + 'static,
        F: for<'c, 'k> FnOnce(&'c mut Conn<'k>) -> Work<'c, T, TxError> + Send + 'static,
    {
        match self {
            Self::Postgres(pools) => postgres::read(pools, work).await.map_err(tx_error(doing)),
            Self::Sqlite(_) => self.write(doing, work).await,
        }
    }

    /// [`write`](Self::write) for work that ends with an error of its own (a refusal that
    /// must roll the transaction back).
    pub async fn transaction<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DieselError> + From<UnexpectedError> + Send + 'static,
        F: for<'c, 'k> FnOnce(&'c mut Conn<'k>) -> Work<'c, T, E> + Send + 'static,
    {
        match self {
            Self::Postgres(pools) => postgres::transaction(pools, work).await,
            Self::Sqlite(pools) => pools.transaction(work).await,
        }
    }
}

/// Runs a statement on a [`Conn`], compiled once per backend: `db_run!(conn => <statement>)`
/// rebinds `conn` to the backend's own connection inside `<statement>`. Where the backends
/// need different statements: `db_run!(conn => postgres: <statement>, sqlite: <statement>)`.
#[macro_export]
macro_rules! db_run {
    ($conn:ident => postgres: $postgres:expr, sqlite: $sqlite:expr $(,)?) => {
        match $conn {
            $crate::Conn::Postgres($conn) => {
                let $conn: &mut $crate::__private::diesel_async::AsyncPgConnection = &mut **$conn;
                $postgres
            }
            $crate::Conn::Sqlite($conn) => {
                let $conn: &mut $crate::SqliteConnection = &mut **$conn;
                $sqlite
            }
        }
    };
    ($conn:ident => $statement:expr) => {
        $crate::db_run!($conn => postgres: $statement, sqlite: $statement)
    };
}
