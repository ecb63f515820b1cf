//! The SG-Finder document's bodies, with its byte limits, in its camelCase spelling.

mod fields;
mod player;
mod session;
mod signup;
mod user;

pub use player::{HistoryResponse, PlayerResponse, RegisterGameRequest, WeaponResponse};
pub use session::{DupResponse, SessionTokenResponse, SignInRequest, SignedOutResponse};
pub use signup::{SignUpRequest, UserResponse};
pub use user::{UpdateUserRequest, UserDetailResponse, UserIdPath};
