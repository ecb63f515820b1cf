//! Request extractors: the authenticated caller (bearer token, or SG-Finder's session-token
//! headers), whoever is signed in if anyone, the client's address, JSON bodies (objects,
//! batches, and bodies that may be absent).

mod authenticated;
mod client;
pub(crate) mod json;
pub(crate) mod json_list;
mod optional_json;
mod session_token;
mod signed_in;

pub use authenticated::Authenticated;
pub use client::Client;
pub use json::JsonBody;
pub use json_list::JsonList;
pub use optional_json::OptionalJsonBody;
pub use session_token::{
    SESSION_TOKEN_HEADER, SessionTokenCaller, SessionTokenOnly, USER_ID_HEADER,
};
pub use signed_in::SignedIn;
