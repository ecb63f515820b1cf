use account_domain::UnexpectedError;
use diesel::result::Error as DieselError;
use diesel_async::pooled_connection::deadpool::{Object, Pool};
use diesel_async::sync_connection_wrapper::SyncConnectionWrapper;

use super::{Conn, Work};
use crate::errors::no_connection;

/// A SQLite connection, run on tokio's blocking threads.
pub type SqliteConnection = SyncConnectionWrapper<diesel::sqlite::SqliteConnection>;

/// Connections to one SQLite file: a pool holding the single writer, and a pool of readers.
///
/// **Cancel safety.** diesel-async's SQLite wrapper cannot drop a query in flight on a
/// current-thread runtime (actix-web's workers): it would block the thread and panics
/// instead. So every unit of work runs as a task of its own, which finishes, commits or rolls
/// back even when the request that started it goes away; its caller merely stops waiting.
#[derive(Clone)]
pub struct SqlitePools {
    writer: Pool<SqliteConnection>,
    readers: Pool<SqliteConnection>,
}

impl SqlitePools {
    /// The writer's and the readers' connections together.
    pub fn connections(&self) -> account_domain::store::ConnectionUse {
        [
            super::connection_use!(self.writer),
            super::connection_use!(self.readers),
        ]
        .into_iter()
        .sum()
    }

    pub fn new(writer: Pool<SqliteConnection>, readers: Pool<SqliteConnection>) -> Self {
        Self { writer, readers }
    }

    pub(super) async fn read<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<UnexpectedError> + Send + 'static,
        F: for<'c, 'k> FnOnce(&'c mut Conn<'k>) -> Work<'c, T, E> + Send + 'static,
    {
        let readers = self.readers.clone();
        detached(async move {
            let mut guard = connection::<E>(&readers, "reader").await?;
            work(&mut Conn::Sqlite(&mut guard)).await
        })
        .await
    }

    pub(super) async fn transaction<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DieselError> + From<UnexpectedError> + Send + 'static,
        F: for<'c, 'k> FnOnce(&'c mut Conn<'k>) -> Work<'c, T, E> + Send + 'static,
    {
        let writer = self.writer.clone();
        detached(async move {
            let mut guard = connection::<E>(&writer, "writer").await?;
            guard
                .immediate_transaction::<T, E, _>(async move |conn| {
                    work(&mut Conn::Sqlite(conn)).await
                })
                .await
        })
        .await
    }
}

async fn connection<E: From<UnexpectedError>>(
    pool: &Pool<SqliteConnection>,
    role: &str,
) -> Result<Object<SqliteConnection>, E> {
    pool.get()
        .await
        .map_err(|err| no_connection(format!("getting a SQLite {role} connection"))(err).into())
}

/// Runs `work` as its own task: dropping the returned future does not cancel it.
async fn detached<T, E>(work: impl Future<Output = Result<T, E>> + Send + 'static) -> Result<T, E>
where
    T: Send + 'static,
    E: From<UnexpectedError> + Send + 'static,
{
    tokio::spawn(work).await.map_err(|err| {
        E::from(UnexpectedError::with_source(
            "a SQLite unit of work failed to finish",
            err,
        ))
    })?
}
