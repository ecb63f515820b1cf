//! The service user account document (`service-user-account.txt`): its routes under
//! `/v1/account`, its PascalCase query strings and bodies (`?Email=`, `?Token=`,
//! `Info.FirstName`, `Sns.SNS_Service`), its answers (`{"msg": "Done!"}`, `"Done."`, `"Done"`)
//! and its one error shape, `{"msg": ...}` with the document's extra keys (`Auth`,
//! `Retry Time`).
//!
//! The document puts a raw `UserID` in `Authorization`; a bearer access token is required
//! instead (SPEC 3), which `POST /v1/account/login` hands out in the document's style.

pub mod dto;
mod error_mapping;
mod error_renderer;
pub mod routes;

pub use error_renderer::{ServiceUserErrorBody, ServiceUserRenderer};
pub use routes::{PREFIX, owns, scope};
