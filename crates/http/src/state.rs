use std::sync::Arc;

use account_domain::accounts::{AccountEditor, AccountService, RootUserService};
use account_domain::admin::AdminService;
use account_domain::audit::AuditService;
use account_domain::auth::AuthService;
use account_domain::children::ChildService;
use account_domain::clock::Clock;
use account_domain::devices::DeviceService;
use account_domain::email_codes::EmailCodeService;
use account_domain::notifications::NotificationService;
use account_domain::outbox::OutboxOperations;
use account_domain::players::PlayerService;
use account_domain::policies::PolicyService;
use account_domain::profile_images::ProfileImageService;
use account_domain::push::{PushSendService, PushService};
use account_domain::recovery::PasswordResetService;
use account_domain::sign_in::SignInService;
use account_domain::store::StoreHealth;
use account_domain::verification::VerificationService;

use crate::metrics::MetricsExposition;

/// The use cases the routes call, one service per business context. Built once by the
/// server's wiring (or a test) and shared by every worker.
#[derive(Clone)]
pub struct AppState {
    /// Registration and the account-management profile.
    pub accounts: Arc<AccountService>,
    /// Log-in, access tokens, sessions.
    pub auth: Arc<AuthService>,
    /// Email and phone codes.
    pub verification: Arc<VerificationService>,
    /// Password reset by an emailed token.
    pub password_reset: Arc<PasswordResetService>,
    /// Codes emailed on request that act for their address (the service user account
    /// document's `?Token=`).
    pub email_codes: Arc<EmailCodeService>,
    /// The root user's own profile and withdrawal.
    pub root_users: Arc<RootUserService>,
    /// A profile replaced whole (SG-Finder's `PUT /user/{userId}`).
    pub account_editor: Arc<AccountEditor>,
    /// Child users and the devices bound to them.
    pub children: Arc<ChildService>,
    /// The device inventory.
    pub devices: Arc<DeviceService>,
    /// Consents and their history.
    pub policies: Arc<PolicyService>,
    /// Notification switches.
    pub notifications: Arc<NotificationService>,
    /// Push tokens.
    pub push: Arc<PushService>,
    /// Pushes sent to root users by other services and operators.
    pub push_sends: Arc<PushSendService>,
    /// What operators see of the outbox, and re-queueing its dead messages.
    pub outbox: Arc<OutboxOperations>,
    /// Sign-in with an outside provider, and the browser session cookie it ends with.
    pub sign_in: Arc<SignInService>,
    /// Profile images: signed upload URLs, deletion, `profileImgUri`, and the images a local
    /// store keeps.
    pub profile_images: Arc<ProfileImageService>,
    /// The administration of accounts (search, roles, bans, restore).
    pub admin: Arc<AdminService>,
    /// Reading the audit log.
    pub audit: Arc<AuditService>,
    /// Game players (SG-Finder).
    pub players: Arc<PlayerService>,
    pub health: Arc<dyn StoreHealth>,
    /// What `/metrics` renders; `None`: no metrics (the route answers 404).
    pub metrics: Option<Arc<dyn MetricsExposition>>,
    /// Today's date for parsing request values that are bounded by it (a birthdate cannot be
    /// in the future); the same clock the use cases read.
    pub clock: Arc<dyn Clock>,
}
