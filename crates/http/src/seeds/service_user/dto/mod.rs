//! The document's query strings and bodies, PascalCase as printed.

mod account;
mod code;
mod done;
mod security;
mod session;

pub use account::{
    AddRequest, AddedResponse, InfoFields, InfoResponse, InfoUpdateRequest, JoinedInfo,
};
pub use code::{EmailQuery, FindRequest, FoundResponse, TokenQuery};
pub use done::DoneResponse;
pub use security::{SecurityRequest, SnsFields};
pub use session::{AccountLoginRequest, AccountRefreshRequest, AccountTokenResponse};
