//! Request extractors: the authenticated caller, the client's address, JSON bodies (objects
//! and batches).

mod authenticated;
mod client;
mod json;
mod json_list;

pub use authenticated::Authenticated;
pub use client::Client;
pub use json::JsonBody;
pub use json_list::JsonList;
