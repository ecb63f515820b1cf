use std::sync::Arc;

use account_domain::accounts::{AccountService, RootUserService};
use account_domain::auth::AuthService;
use account_domain::children::ChildService;
use account_domain::clock::Clock;
use account_domain::devices::DeviceService;
use account_domain::notifications::NotificationService;
use account_domain::policies::PolicyService;
use account_domain::push::PushService;
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
    /// Today's date for parsing request values that are bounded by it (a birthdate cannot be
    /// in the future); the same clock the use cases read.
    pub clock: Arc<dyn Clock>,
    /// The use cases of the Lux stage.
    pub lux: LuxState,
}

/// The use cases behind the Lux user API (own profile, child users and their devices,
/// consents, notification switches, push tokens) and the device inventory.
#[derive(Clone)]
pub struct LuxState {
    pub root_users: Arc<RootUserService>,
    pub children: Arc<ChildService>,
    pub devices: Arc<DeviceService>,
    pub policies: Arc<PolicyService>,
    pub notifications: Arc<NotificationService>,
    pub push: Arc<PushService>,
}
