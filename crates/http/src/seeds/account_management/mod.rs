//! The account-management document: its routes under `/auth/accounts`, its bodies, its
//! wording of the use cases' errors, and its `{"status", "code", "message", "detail"}` error
//! shape (which routes no seed covers share); the OAuth2 token endpoint it implies answers
//! errors in RFC 6749's shape instead.

pub mod dto;
mod error_mapping;
mod error_renderer;
mod oauth_error_renderer;
pub mod routes;

pub use error_mapping::{AccountDeletionError, OAuthTokenError};
pub use error_renderer::{AccountManagementErrorBody, AccountManagementRenderer};
pub use oauth_error_renderer::{OAuthErrorBody, OAuthErrorRenderer};
pub use routes::scope;
