//! Bodies of the accounts-with-roles document, as it writes them: camelCase, `userId` the
//! integer id, `createdAt` RFC 3339 with microseconds in UTC, `birthDate` `yyyy-MM-dd`,
//! genders `MALE`/`FEMALE` (the domain's `N` and `P` are shown as absent), roles without the
//! `ROLE_` prefix.

mod account;
mod image;
mod patch;
mod path;
mod sign_in;

pub use account::{AccountDetailResponse, AccountSummaryResponse};
pub use image::SignedPutUrlQuery;
pub use patch::AccountPatchRequest;
pub use path::{AccountIdPath, UserIdPath};
pub use sign_in::{
    CallbackQuery, InsufficientUserInfoResponse, SignUpCompletedResponse, SignUpCompletionRequest,
    SignedInResponse, sign_up_field_name,
};
