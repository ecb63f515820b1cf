//! Request and response bodies. Requests convert into domain values with `try_into_domain`,
//! collecting every field error; responses carry the seeds' field names (serde renames).

pub mod account_management;
pub mod admin;
mod field_errors;
pub mod health;
pub mod lux;

pub use field_errors::FieldErrors;
