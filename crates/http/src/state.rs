use std::sync::Arc;

use account_domain::accounts::AccountService;
use account_domain::auth::AuthService;
use account_domain::store::StoreHealth;
use account_domain::verification::VerificationService;

/// The use cases the routes call. Built once by the binary (or a test) and shared by every
/// worker.
#[derive(Clone)]
pub struct AppState {
    pub accounts: Arc<AccountService>,
    pub auth: Arc<AuthService>,
    pub verification: Arc<VerificationService>,
    pub health: Arc<dyn StoreHealth>,
}
