//! How routes are registered (and documented), and the routes no seed document owns: the
//! health probes and the API docs. Each seed's own routes are in [`crate::seeds`].

pub mod docs;
pub mod health;
pub mod metrics;
mod registry;

pub use registry::RouteRegistry;

use crate::seeds;

/// Registers (and documents) every API route.
pub fn register(routes: &mut RouteRegistry<'_>) {
    routes.service(seeds::account_management::scope());
    routes.service(seeds::lux::scope());
    for part in seeds::accounts_roles::Part::ALL {
        routes.service(seeds::accounts_roles::scope(part));
    }
    routes.service(seeds::sg_finder::scope());
    routes.service(seeds::service_user::scope());
    routes.service(seeds::admin::scope());
    routes.service(seeds::image_files::scope());
    routes.service(health::scope());
    routes.service(metrics::metrics);
}
