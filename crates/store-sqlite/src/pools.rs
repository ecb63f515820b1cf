use account_domain::UnexpectedError;
use account_store_sql::PoolLimits;
use account_store_sql::SqliteConnection as SqliteAsyncConnection;
use diesel::ConnectionError;
use diesel_async::pooled_connection::deadpool::Pool;
use diesel_async::pooled_connection::{AsyncDieselConnectionManager, ManagerConfig};
use diesel_async::{AsyncConnection, SimpleAsyncConnection};

/// Set on every connection: `foreign_keys` and `busy_timeout` hold per connection only. The
/// busy timeout comes first: `journal_mode` takes a lock, and without the timeout a connection
/// opened while another one writes would fail at once with "database is locked".
const PRAGMAS: &str = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                       PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

/// Readers also refuse to write, so a write sent to the wrong pool fails loudly.
const READER_PRAGMAS: &str = "PRAGMA query_only = ON;";

/// Which connections a pool holds.
#[derive(Debug, Clone, Copy)]
pub enum Role {
    Writer,
    Reader,
}

/// A pool of SQLite connections to `path` within `limits`, configured for `role`.
pub fn pool(
    path: &str,
    limits: PoolLimits,
    role: Role,
) -> Result<Pool<SqliteAsyncConnection>, UnexpectedError> {
    let mut config = ManagerConfig::default();
    config.custom_setup = Box::new(move |url| {
        Box::pin(async move {
            let mut conn = SqliteAsyncConnection::establish(url).await?;
            conn.batch_execute(PRAGMAS)
                .await
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
            if let Role::Reader = role {
                conn.batch_execute(READER_PRAGMAS)
                    .await
                    .map_err(ConnectionError::CouldntSetupConfiguration)?;
            }
            Ok(conn)
        })
    });
    let manager = AsyncDieselConnectionManager::new_with_config(path, config);
    limits
        .apply(Pool::builder(manager))
        .build()
        .map_err(|err| UnexpectedError::with_source("building a SQLite pool", err))
}
