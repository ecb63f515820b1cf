//! The accounts-with-roles document (`accounts-roles-oauth.txt`): its routes under
//! `/accounts`, `/users` and `/account`, its bodies (camelCase, `yyyy-MM-dd` birth dates,
//! genders `MALE`/`FEMALE`), its wording of the use cases' errors and its three error shapes
//! (`{"message"}`, `{"invalidFields"}`, `{"domain", "errorCode", "description"}`).

pub mod dto;
mod error_mapping;
mod error_renderer;
pub mod routes;

pub use error_renderer::{AccountsRolesErrorBody, AccountsRolesRenderer};
pub use routes::{PREFIXES, Part, owns, scope};
