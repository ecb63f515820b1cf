//! The administration routes under `/admin`, which no seed document covers: their bodies and
//! their errors, in the account-management error shape.

pub mod dto;
mod error_mapping;
pub mod routes;

pub use routes::scope;
