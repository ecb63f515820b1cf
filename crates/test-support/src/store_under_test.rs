use std::any::Any;
use std::sync::Arc;

use account_domain::accounts::AccountRoleRepository;
use account_domain::store::{LuxRepositories, Repositories};

/// A store's repositories, and whatever must live as long as the test: the store itself, its
/// [`TestDatabase`](crate::TestDatabase) or temporary directory.
pub struct StoreUnderTest {
    pub repos: Repositories,
    pub lux: LuxRepositories,
    pub roles: Arc<dyn AccountRoleRepository>,
    _keep_alive: Box<dyn Any + Send + Sync>,
}

impl StoreUnderTest {
    pub fn new(
        repos: Repositories,
        lux: LuxRepositories,
        roles: Arc<dyn AccountRoleRepository>,
        keep_alive: impl Any + Send + Sync,
    ) -> Self {
        Self {
            repos,
            lux,
            roles,
            _keep_alive: Box::new(keep_alive),
        }
    }
}
