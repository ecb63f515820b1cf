//! PostgreSQL connections split into one pool per thread that uses them.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use account_domain::store::ConnectionUse;
use deadpool::managed::{Object, PoolError};
use diesel_async::AsyncPgConnection;
use diesel_async::pooled_connection::AsyncDieselConnectionManager;
use diesel_async::pooled_connection::PoolError as ManagerError;

use super::PgPool;

/// The store's PostgreSQL connections, as one shard (a pool of its own) per thread.
///
/// diesel-async drives each connection from a task spawned on the runtime that opened it, and
/// the service runs one single-threaded runtime per HTTP worker and one for its background
/// work. A connection opened on one thread and lent to a request on another sends every
/// statement through that other thread: two more wake-ups per statement, which the background
/// runtime (first to open connections, at start-up) paid for most of the log-ins
/// (docs/PERFORMANCE.md, "2026-11-30, late"). A thread draws from its own shard, so the
/// connections it uses are the ones it opened. Threads beyond the number of shards share them,
/// and a thread whose shard lends nothing for a while borrows another shard's idle connection
/// ([`get`](Self::get)). Numbers are not given back: a thread started after a worker died
/// shares a shard.
#[derive(Clone)]
pub struct PgPools {
    shards: Arc<[PgPool]>,
    /// How long a thread waits on its own shard before it borrows another's idle connection.
    borrow_after: Duration,
}

/// A connection lent by one of the shards.
pub type PgConnection = Object<AsyncDieselConnectionManager<AsyncPgConnection>>;

impl PgPools {
    /// `shards`: one pool per thread that will draw connections; at least one. A thread whose
    /// shard lends it nothing within `borrow_after` takes another shard's idle connection.
    pub fn new(shards: Vec<PgPool>, borrow_after: Duration) -> Self {
        assert!(!shards.is_empty(), "a PostgreSQL store needs a pool");
        Self {
            shards: shards.into(),
            borrow_after,
        }
    }

    /// A connection for the calling thread: from its own shard, as soon as one is free there
    /// (the usual case: connections turn over in a millisecond or two). A shard whose
    /// connections are all held longer (a slow statement, a lock) lends nothing for
    /// `borrow_after`; then another shard's idle connection is taken if there is one (driven by
    /// another thread, so slower, but no request waits into a 503 while connections sit idle),
    /// else the thread goes on waiting for its own, for the pool's whole wait.
    pub async fn get(&self) -> Result<PgConnection, PoolError<ManagerError>> {
        let own = match &*self.shards {
            [only] => return only.get().await,
            shards => &shards[thread_number() % shards.len()],
        };
        if let Ok(lent) = tokio::time::timeout(self.borrow_after, own.get()).await {
            return lent;
        }
        let idle = self
            .shards
            .iter()
            .find(|shard| shard.status().available > 0);
        idle.unwrap_or(own).get().await
    }

    /// Every shard's connections together.
    pub fn connections(&self) -> ConnectionUse {
        self.shards
            .iter()
            .map(|pool| super::connection_use!(pool))
            .sum()
    }
}

/// The calling thread's number, given in the order threads first ask for a connection.
fn thread_number() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static NUMBER: usize = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    NUMBER.with(|number| *number)
}

#[cfg(test)]
mod tests {
    use super::thread_number;

    #[test]
    fn a_thread_keeps_its_number_and_threads_get_different_ones() {
        let here = thread_number();
        assert_eq!(thread_number(), here);
        let there = std::thread::spawn(thread_number).join().unwrap();
        assert_ne!(there, here);
    }
}
