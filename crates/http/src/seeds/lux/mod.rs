//! The Lux user API document: its routes under `/api/v1/lux`, its bodies, its wording of the
//! use cases' errors and its `{"detail": ...}` error shape.

pub mod dto;
mod error_mapping;
mod error_renderer;
pub mod routes;

pub use error_mapping::previously_deleted;
pub use error_renderer::{LuxErrorBody, LuxRenderer};
pub use routes::{PREFIX, scope};
