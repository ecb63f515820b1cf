//! The repositories, written once and expanded per backend by [`sql_repositories!`].
//!
//! Each port has its own macro in its own file; the functions beside them are the parts that
//! need no connection type.

pub mod accounts;
pub mod children;
pub mod devices;
mod dialect;
mod health;
mod notifications;
pub mod outbox;
pub mod policies;
mod profiles;
pub mod push_tokens;
mod roles;
mod session_end;
mod sessions;
mod throttle;
pub mod verification;

pub use sessions::SqlSessionRepository;

/// Expands the adapters of every store port for one backend, and
/// `impl <store> { pub fn repositories(&self) -> Repositories; pub fn lux_repositories(&self)
/// -> LuxRepositories; pub fn role_repository(&self) -> Arc<dyn AccountRoleRepository> }`. The
/// accounts adapter also implements `AccountProfileRepository` and `AccountRoleRepository`.
///
/// `store` is the backend's [`ConnectionSource`](crate::ConnectionSource) (cheap to clone: it
/// is held by every adapter); `dialect` is `postgres` or `sqlite` (see `dialect.rs`); the
/// other names are the adapter types to define.
///
/// ```text
/// account_store_sql::sql_repositories! {
///     dialect: postgres,
///     store: PgStore,
///     accounts: PgAccountRepository,
///     sessions: PgSessionRepository,
///     throttle: PgThrottleRepository,
///     codes: PgVerificationCodeRepository,
///     outbox: PgOutboxRepository,
///     health: PgStoreHealth,
///     children: PgChildRepository,
///     devices: PgDeviceRepository,
///     policies: PgPolicyRepository,
///     notifications: PgNotificationSettingsRepository,
///     push_tokens: PgPushTokenRepository,
/// }
/// ```
#[macro_export]
macro_rules! sql_repositories {
    (
        dialect: $dialect:ident,
        store: $store:ty,
        accounts: $accounts:ident,
        sessions: $sessions:ident,
        throttle: $throttle:ident,
        codes: $codes:ident,
        outbox: $outbox:ident,
        health: $health:ident,
        children: $children:ident,
        devices: $devices:ident,
        policies: $policies:ident,
        notifications: $notifications:ident,
        push_tokens: $push_tokens:ident $(,)?
    ) => {
        $crate::__account_repository!($dialect, $store, $accounts);
        $crate::__throttle_repository!($dialect, $store, $throttle);
        $crate::__verification_code_repository!($dialect, $store, $codes);
        $crate::__outbox_repository!($dialect, $store, $outbox);
        $crate::__store_health!($store, $health);
        $crate::__account_profile_repository!($accounts);
        $crate::__account_role_repository!($accounts);
        $crate::__child_repository!($dialect, $store, $children);
        $crate::__device_repository!($dialect, $store, $devices);
        $crate::__policy_repository!($dialect, $store, $policies);
        $crate::__notification_settings_repository!($dialect, $store, $notifications);
        $crate::__push_token_repository!($dialect, $store, $push_tokens);

        impl $store {
            /// Every repository of this store, to wire into the application.
            pub fn repositories(&self) -> $crate::__private::account_domain::store::Repositories {
                use ::std::sync::Arc;
                $crate::__private::account_domain::store::Repositories {
                    accounts: Arc::new($accounts::new(self.clone())),
                    sessions: Arc::new($crate::repositories::SqlSessionRepository::new(
                        self.database(),
                    )),
                    throttle: Arc::new($throttle::new(self.clone())),
                    codes: Arc::new($codes::new(self.clone())),
                    outbox: Arc::new($outbox::new(self.clone())),
                    health: Arc::new($health::new(self.clone())),
                }
            }

            /// The repositories of the Lux stage, from the same store.
            pub fn lux_repositories(
                &self,
            ) -> $crate::__private::account_domain::store::LuxRepositories {
                use ::std::sync::Arc;
                $crate::__private::account_domain::store::LuxRepositories {
                    profiles: Arc::new($accounts::new(self.clone())),
                    children: Arc::new($children::new(self.clone())),
                    devices: Arc::new($devices::new(self.clone())),
                    policies: Arc::new($policies::new(self.clone())),
                    notifications: Arc::new($notifications::new(self.clone())),
                    push_tokens: Arc::new($push_tokens::new(self.clone())),
                }
            }

            /// Role administration, on the accounts adapter of this store.
            pub fn role_repository(
                &self,
            ) -> ::std::sync::Arc<
                dyn $crate::__private::account_domain::accounts::AccountRoleRepository,
            > {
                ::std::sync::Arc::new($accounts::new(self.clone()))
            }
        }
    };
}

/// Defines `pub struct $name { store }` with `new(store)`.
#[doc(hidden)]
#[macro_export]
macro_rules! __adapter_struct {
    ($store:ty, $name:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(Clone)]
        pub struct $name {
            store: $store,
        }

        impl $name {
            pub fn new(store: $store) -> Self {
                Self { store }
            }
        }
    };
}
