//! Every route the service answers, by document.

pub mod account_management;
pub mod admin;
pub mod docs;
pub mod health;
pub mod lux;
mod registry;

pub use registry::RouteRegistry;

/// Registers (and documents) every API route.
pub fn register(routes: &mut RouteRegistry<'_>) {
    routes.service(account_management::scope());
    routes.service(lux::scope());
    routes.service(admin::scope());
    routes.service(health::scope());
}
