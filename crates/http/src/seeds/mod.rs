//! One folder per seed document: the routes it describes, its request and response bodies,
//! how its use cases' errors are worded, and the shape its errors are rendered in. A change
//! to one document stays in its folder.
//!
//! What every seed shares stays outside: the extractors ([`crate::extract`]), the neutral
//! [`ApiError`](crate::errors::ApiError) with the mapping of the errors every route can give
//! ([`crate::errors`]), the shared DTO helpers ([`crate::dto`]) and the OpenAPI document.
//! A seed added later gets a folder of its own beside these (as `service_user/`, `sg_finder/`),
//! registered in [`crate::routes::register`].

pub mod account_management;
pub mod accounts_roles;
pub mod admin;
pub mod image_files;
pub mod lux;
pub mod service_user;
pub mod sg_finder;
