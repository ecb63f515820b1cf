//! The HTTP adapter: routes, extractors, DTOs and error rendering over the domain's use
//! cases, each seed document's in its own folder under [`seeds`]. Handlers parse the request,
//! call one use case and map its result; business rules stay in `account-domain`.

pub mod access;
mod app;
pub mod browser_session;
pub mod dto;
pub mod errors;
pub mod extract;
#[doc(hidden)]
pub mod fuzzing;
pub mod metrics;
pub mod openapi;
pub mod pages;
pub mod routes;
pub mod seeds;
mod settings;
mod state;

pub use app::configure;
pub use errors::{ApiError, ApiErrorKind};
pub use settings::HttpSettings;
pub use state::AppState;
