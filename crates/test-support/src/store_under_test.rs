use std::any::Any;

use account_domain::store::Repositories;

/// A store's repositories, and whatever must live as long as the test: the store itself, its
/// [`TestDatabase`](crate::TestDatabase) or temporary directory.
pub struct StoreUnderTest {
    pub repos: Repositories,
    _keep_alive: Box<dyn Any + Send + Sync>,
}

impl StoreUnderTest {
    pub fn new(repos: Repositories, keep_alive: impl Any + Send + Sync) -> Self {
        Self {
            repos,
            _keep_alive: Box::new(keep_alive),
        }
    }
}
