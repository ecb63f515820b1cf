use std::time::Duration;

use deadpool::Runtime;
use deadpool::managed::{Manager, PoolBuilder};

/// How many connections a pool holds, and how long a unit of work waits for one (a free one,
/// or a new one being opened) before the store counts as unavailable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolLimits {
    pub size: usize,
    pub wait: Duration,
}

impl PoolLimits {
    /// A pool of `size` connections with the default wait.
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
}

impl Default for PoolLimits {
    fn default() -> Self {
        Self {
            size: 8,
            wait: Duration::from_secs(5),
        }
    }
}
