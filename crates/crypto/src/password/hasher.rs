use std::fmt;

use account_domain::UnexpectedError;
use account_domain::auth::PasswordHasher;
use account_domain::values::Password;
use argon2::Params;
use async_trait::async_trait;
use tokio::sync::Semaphore;

use super::phc::{self, SALT_BYTES};
use super::pool::HashPool;
use super::scratch::Scratch;
use super::settings::{Argon2Settings, Argon2SetupError};
use crate::random;

/// Most memory a stored hash with other parameters may ask for when verified (256 MiB).
const MAX_FOREIGN_MEMORY_KIB: usize = 256 * 1024;

/// Argon2id hashes as PHC strings, computed on a small pool of dedicated threads that each
/// reuse one memory buffer (see [`Argon2Settings`]).
///
/// Verification reads the algorithm, version and parameters from the stored PHC string, so
/// hashes made under older parameters keep working.
pub struct Argon2PasswordHasher {
    params: Params,
    workers: usize,
    pool: HashPool,
    /// Permits to hash a new password (see [`Argon2Settings::new_password_workers`]).
    new_passwords: Semaphore,
    dummy: String,
}

impl Argon2PasswordHasher {
    /// Hashes and verifications waiting for a worker thread (for `/metrics`).
    pub fn queued(&self) -> usize {
        self.pool.queued()
    }

    /// Starts the worker threads and computes the dummy hash (one hash on the calling
    /// thread: call it at start-up, not on a request).
    pub fn new(settings: &Argon2Settings) -> Result<Self, Argon2SetupError> {
        let params = Params::new(
            settings.memory_kib,
            settings.iterations,
            settings.parallelism,
            None,
        )
        .map_err(Argon2SetupError::Params)?;
        if settings.workers == 0 || settings.queue == 0 {
            return Err(Argon2SetupError::Pool);
        }
        let keep_blocks = params.block_count();
        let max_blocks = keep_blocks.max(MAX_FOREIGN_MEMORY_KIB);
        let dummy = dummy_hash(&params, keep_blocks).map_err(Argon2SetupError::DummyHash)?;
        let pool = HashPool::start(settings.workers, settings.queue, keep_blocks, max_blocks)
            .map_err(Argon2SetupError::Spawn)?;
        Ok(Self {
            params,
            workers: settings.workers,
            pool,
            new_passwords: Semaphore::new(settings.new_password_share()),
            dummy,
        })
    }
}

/// A hash of a random secret nobody knows.
fn dummy_hash(params: &Params, blocks: usize) -> Result<String, UnexpectedError> {
    let secret = random::bytes::<32>()?;
    phc::hash(
        params,
        &secret,
        &random::bytes::<SALT_BYTES>()?,
        &mut Scratch::new(0, blocks),
    )
}

#[async_trait]
impl PasswordHasher for Argon2PasswordHasher {
    async fn hash(&self, password: &Password) -> Result<String, UnexpectedError> {
        let salt = random::bytes::<SALT_BYTES>()?;
        let password = password.clone();
        let params = self.params.clone();
        let _permit = self
            .new_passwords
            .acquire()
            .await
            .map_err(|_| UnexpectedError::new("password hashing pool has stopped"))?;
        self.pool
            .run(move |scratch| phc::hash(&params, password.expose().as_bytes(), &salt, scratch))
            .await?
    }

    async fn verify(&self, password: &str, phc: &str) -> Result<bool, UnexpectedError> {
        let password = password.to_owned();
        let phc = phc.to_owned();
        self.pool
            .run(move |scratch| phc::verify(password.as_bytes(), &phc, scratch))
            .await?
    }

    fn dummy_hash(&self) -> String {
        self.dummy.clone()
    }
}

impl fmt::Debug for Argon2PasswordHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Argon2PasswordHasher")
            .field("memory_kib", &self.params.m_cost())
            .field("iterations", &self.params.t_cost())
            .field("parallelism", &self.params.p_cost())
            .field("workers", &self.workers)
            .finish_non_exhaustive()
    }
}
