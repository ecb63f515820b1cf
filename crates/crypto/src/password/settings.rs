use std::num::NonZeroUsize;
use std::thread;

use serde::Deserialize;

/// Cost of a hash and size of the pool that computes them.
///
/// The defaults are OWASP's argon2id minimum (m = 19 MiB, t = 2, p = 1) and one worker per
/// CPU. Each worker keeps one `memory_kib` buffer for its whole life.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Argon2Settings {
    /// Memory cost `m` in KiB.
    pub memory_kib: u32,
    /// Time cost `t` (passes over the memory).
    pub iterations: u32,
    /// Lanes `p`. The lanes of one hash are computed one after the other: concurrency comes
    /// from `workers`.
    pub parallelism: u32,
    /// Threads hashing at the same time; the bound on concurrent hashes.
    pub workers: usize,
    /// Hash requests that may wait for a worker. Beyond it, callers wait (asynchronously)
    /// for room, so the memory a login storm takes stays bounded.
    pub queue: usize,
    /// Most hashes of new passwords (sign-ups, password changes) running or queued at once;
    /// the rest of the pool stays free for log-ins, so a sign-up flood cannot starve them.
    /// 0 = half the workers, at least one.
    pub new_password_workers: usize,
}

impl Argon2Settings {
    /// [`Self::new_password_workers`] with its default applied.
    pub fn new_password_share(&self) -> usize {
        match self.new_password_workers {
            0 => (self.workers / 2).max(1),
            share => share,
        }
    }
}

impl Default for Argon2Settings {
    fn default() -> Self {
        let workers = thread::available_parallelism().map_or(1, NonZeroUsize::get);
        Self {
            memory_kib: 19 * 1024,
            iterations: 2,
            parallelism: 1,
            workers,
            queue: 64 * workers,
            new_password_workers: 0,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Argon2SetupError {
    #[error("invalid argon2 parameters: {0}")]
    Params(argon2::Error),
    #[error("argon2 pool needs at least one worker and a queue of at least one")]
    Pool,
    #[error("could not start a password hashing thread")]
    Spawn(#[source] std::io::Error),
    #[error("could not prepare the dummy password hash")]
    DummyHash(#[source] account_domain::UnexpectedError),
}
