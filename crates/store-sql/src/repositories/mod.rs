//! The repositories, written once and expanded per backend by [`sql_repositories!`].
//!
//! Each port has its own macro in its own file; the functions beside them are the parts that
//! need no connection type.

pub mod accounts;
mod dialect;
mod health;
pub mod outbox;
mod sessions;
mod throttle;
pub mod verification;

/// Expands the adapters of every store port for one backend, and
/// `impl <store> { pub fn repositories(&self) -> Repositories }`.
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
        health: $health:ident $(,)?
    ) => {
        $crate::__account_repository!($dialect, $store, $accounts);
        $crate::__session_repository!($dialect, $store, $sessions);
        $crate::__throttle_repository!($dialect, $store, $throttle);
        $crate::__verification_code_repository!($dialect, $store, $codes);
        $crate::__outbox_repository!($dialect, $store, $outbox);
        $crate::__store_health!($store, $health);

        impl $store {
            /// Every repository of this store, to wire into the application.
            pub fn repositories(&self) -> $crate::__private::account_domain::store::Repositories {
                use ::std::sync::Arc;
                $crate::__private::account_domain::store::Repositories {
                    accounts: Arc::new($accounts::new(self.clone())),
                    sessions: Arc::new($sessions::new(self.clone())),
                    throttle: Arc::new($throttle::new(self.clone())),
                    codes: Arc::new($codes::new(self.clone())),
                    outbox: Arc::new($outbox::new(self.clone())),
                    health: Arc::new($health::new(self.clone())),
                }
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
