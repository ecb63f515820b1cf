//! Request extractors: the authenticated caller, the client's address, JSON bodies.

mod authenticated;
mod client;
mod json;

pub use authenticated::Authenticated;
pub use client::Client;
pub use json::JsonBody;
