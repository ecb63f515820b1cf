use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::secrets::SecretSealer;
use account_domain::store::Repositories;
use account_store_sql::{Database, PgPool, PgPools, PoolLimits};
use std::time::Duration;

use diesel::ConnectionError;
use diesel_async::pooled_connection::deadpool::{Hook, HookError, Pool};
use diesel_async::pooled_connection::{
    AsyncDieselConnectionManager, ManagerConfig, PoolError, RecyclingMethod,
};
use diesel_async::{AsyncConnection, AsyncPgConnection, SimpleAsyncConnection};

use crate::migrations::run_migrations;

/// A pool of PostgreSQL connections. Cheap to clone.
#[derive(Clone)]
pub struct PgStore {
    database: Database,
}

impl PgStore {
    /// Applies pending migrations, then opens a pool within `limits` (one shard per thread).
    /// Fails if the database cannot be reached or migrated.
    pub async fn connect(url: &str, limits: PoolLimits) -> Result<Self, UnexpectedError> {
        run_migrations(url).await?;
        let shards = limits
            .shards()
            .into_iter()
            .map(|shard| pool(url, shard))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            database: Database::Postgres(PgPools::new(shards, limits.wait / BORROW_AFTER_SHARE)),
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

/// A thread waits on its own shard for this share of the pool's wait (a tenth) before it
/// borrows another shard's idle connection.
const BORROW_AFTER_SHARE: u32 = 10;

/// One shard of the store's connections: reused without a reset, checked after being idle.
fn pool(url: &str, limits: PoolLimits) -> Result<PgPool, UnexpectedError> {
    let mut config = ManagerConfig::default();
    config.recycling_method = RecyclingMethod::Fast;
    config.custom_setup = Box::new(|url| Box::pin(open(url.to_owned())));
    let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new_with_config(url, config);
    limits
        .apply(Pool::builder(manager))
        .pre_recycle(check_when_idle(limits.wait))
        .build()
        .map_err(|err| UnexpectedError::with_source("building the PostgreSQL pool", err))
}

/// How every connection plans its prepared statements: once, with the plan kept for every later
/// run. Under the default (`auto`), PostgreSQL planned again on each run the statements that
/// take arrays (the throttle's reads and batch writes), whose generic plan it estimates dearer
/// than a custom one. Measured: 0.19 ms less of PostgreSQL's CPU per log-in (docs/PERFORMANCE.md).
/// Nearly every statement of the store looks rows up by a key or an indexed column, where the
/// generic plan is the custom one. The few that filter otherwise gain nothing from a custom
/// plan: the purge's `expires_at`/`revoked_at` bounds have no index either plan could use, and
/// the admin's audit search is a paged scan by time.
const PLAN_ONCE: &str = "SET plan_cache_mode = force_generic_plan";

/// A new connection, set up as [`PLAN_ONCE`] says.
async fn open(url: String) -> diesel::ConnectionResult<AsyncPgConnection> {
    let mut conn = AsyncPgConnection::establish(&url).await?;
    conn.batch_execute(PLAN_ONCE)
        .await
        .map_err(ConnectionError::CouldntSetupConfiguration)?;
    Ok(conn)
}

/// A pooled connection last lent out longer ago than this gets a round trip (`SELECT 1`)
/// before it is lent again: after a database restart the idle connections are dead, and one
/// that fails the check is dropped for a new one. Connections of a busy pool skip it: checking
/// every lend, as diesel-async does by default, was half the transactions of a log-in.
const CHECK_AFTER_IDLE: Duration = Duration::from_secs(1);

/// The check, bounded by `wait`: deadpool does not bound its hooks, and a connection to a
/// server that went silent (no reset) would otherwise wait for TCP to give up.
fn check_when_idle(wait: Duration) -> Hook<AsyncPgConnection> {
    Hook::async_fn(move |conn: &mut AsyncPgConnection, metrics| {
        Box::pin(async move {
            if metrics.last_used() < CHECK_AFTER_IDLE {
                return Ok(());
            }
            match tokio::time::timeout(wait, conn.batch_execute("SELECT 1")).await {
                Ok(checked) => {
                    checked.map_err(|err| HookError::Backend(PoolError::QueryError(err)))
                }
                Err(_) => Err(HookError::message(
                    "the connection did not answer its check",
                )),
            }
        })
    })
}
