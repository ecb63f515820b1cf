//! PostgreSQL connections split into one pool per thread that uses them.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use account_domain::store::ConnectionUse;

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
/// and a thread whose shard is spent borrows another shard's idle connection. Numbers are not
/// given back: a thread started after a worker died shares a shard.
#[derive(Clone)]
pub struct PgPools {
    shards: Arc<[PgPool]>,
}

impl PgPools {
    /// `shards`: one pool per thread that will draw connections; at least one.
    pub fn new(shards: Vec<PgPool>) -> Self {
        assert!(!shards.is_empty(), "a PostgreSQL store needs a pool");
        Self {
            shards: shards.into(),
        }
    }

    /// The pool the calling thread takes its connection from: its own shard, unless every
    /// connection of it is lent and it may open no more while another shard has one idle. Then
    /// that idle one: driven by another thread, so slower, but a request does not wait (and
    /// end in 503) while connections sit idle.
    pub fn for_this_thread(&self) -> &PgPool {
        match &*self.shards {
            [only] => only,
            shards => {
                let own = &shards[thread_number() % shards.len()];
                let status = own.status();
                if status.available > 0 || status.size < status.max_size {
                    return own;
                }
                shards
                    .iter()
                    .find(|shard| shard.status().available > 0)
                    .unwrap_or(own)
            }
        }
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
