use std::time::Duration;

use deadpool::Runtime;
use deadpool::managed::{Manager, PoolBuilder};

/// How many connections a pool holds, how long a unit of work waits for one (a free one, or a
/// new one being opened) before the store counts as unavailable, and how many threads draw
/// from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolLimits {
    pub size: usize,
    pub wait: Duration,
    /// Threads that draw connections: a PostgreSQL pool is split into one shard per thread
    /// ([`PgPools`](super::PgPools)), `size` connections in all.
    pub threads: usize,
}

impl PoolLimits {
    /// The fewest connections a shard holds when there are several: with one, a single slow
    /// statement would hold up every request of its thread.
    pub const MIN_SHARD: usize = 2;

    /// A pool of `size` connections with the default wait, for one thread.
    pub fn of_size(size: usize) -> Self {
        Self {
            size,
            ..Self::default()
        }
    }

    /// `builder` holding at most `size` connections and waiting at most `wait`.
    pub fn apply<M: Manager>(self, builder: PoolBuilder<M>) -> PoolBuilder<M> {
        builder
            .max_size(self.size.max(1))
            .wait_timeout(Some(self.wait))
            .create_timeout(Some(self.wait))
            .recycle_timeout(Some(self.wait))
            .runtime(Runtime::Tokio1)
    }

    /// These limits split into one per shard: `size` connections spread as evenly as they go
    /// over `threads` shards, with fewer shards where that would leave a shard fewer than
    /// [`MIN_SHARD`](Self::MIN_SHARD) connections (threads then share a shard).
    pub fn shards(self) -> Vec<Self> {
        let size = self.size.max(1);
        let shards = self.threads.clamp(1, (size / Self::MIN_SHARD).max(1));
        (0..shards)
            .map(|shard| Self {
                size: size / shards + usize::from(shard < size % shards),
                threads: 1,
                ..self
            })
            .collect()
    }
}

impl Default for PoolLimits {
    fn default() -> Self {
        Self {
            size: 8,
            wait: Duration::from_secs(5),
            threads: 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PoolLimits;

    fn sizes(size: usize, threads: usize) -> Vec<usize> {
        PoolLimits {
            size,
            threads,
            ..PoolLimits::default()
        }
        .shards()
        .iter()
        .map(|shard| shard.size)
        .collect()
    }

    #[test]
    fn connections_are_spread_over_the_threads_and_add_up_to_the_size() {
        assert_eq!(sizes(8, 1), [8]);
        assert_eq!(sizes(8, 3), [3, 3, 2]);
        assert_eq!(sizes(9, 3), [3, 3, 3]);
    }

    #[test]
    fn too_few_connections_for_the_threads_make_fewer_shards_of_at_least_two() {
        assert_eq!(sizes(8, 9), [2, 2, 2, 2]);
        assert_eq!(sizes(5, 3), [3, 2]);
        assert_eq!(sizes(2, 3), [2]);
        assert_eq!(sizes(1, 0), [1]);
    }
}
