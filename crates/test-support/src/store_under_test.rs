use std::any::Any;
use std::path::PathBuf;
use std::sync::Arc;

use account_crypto::XChaChaSealer;
use account_domain::secrets::SecretSealer;
use account_domain::store::Repositories;

/// A store's repositories, where its bytes can be read raw, and whatever must live as long as
/// the test: the store itself, its [`TestDatabase`](crate::TestDatabase) or temporary
/// directory.
pub struct StoreUnderTest {
    pub repos: Repositories,
    pub raw: RawStore,
    _keep_alive: Box<dyn Any + Send + Sync>,
}

/// Where the contract suite reads what a store really wrote, bypassing its adapter.
#[derive(Debug, Clone)]
pub enum RawStore {
    /// The SQLite database file (its `-wal` and `-shm` files beside it).
    Sqlite { file: PathBuf },
    /// The PostgreSQL database's URL.
    Postgres { url: String },
}

impl StoreUnderTest {
    pub fn new(repos: Repositories, raw: RawStore, keep_alive: impl Any + Send + Sync) -> Self {
        Self {
            repos,
            raw,
            _keep_alive: Box::new(keep_alive),
        }
    }
}

/// The sealer the contract suite's stores seal outbox secrets with (a fixed test key).
pub fn test_sealer() -> Arc<dyn SecretSealer> {
    Arc::new(XChaChaSealer::new(&[42; 32]).expect("a 32-byte key"))
}
