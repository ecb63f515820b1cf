//! The neutral API error, where domain errors become one, and how it is rendered.

mod api_error;
mod api_error_kind;
pub(crate) mod bad_input;
pub(crate) mod fallback;
pub(crate) mod mapping;
pub mod render;
#[cfg(test)]
pub(crate) mod test_summary;

pub use api_error::ApiError;
pub use api_error_kind::ApiErrorKind;
pub use mapping::StoreUnavailable;
