//! The SG-Finder auth server document (`sg-finder-auth-server.txt`): its routes under `/user`,
//! its bodies (camelCase, `yyyy-MM-dd` birth dates, the document's byte limits), the
//! `session-token` and `userId` headers, and its one error shape
//! `{"code": 400, "message": "bad request"}`.

pub mod dto;
mod error_mapping;
mod error_renderer;
pub mod routes;

pub use error_renderer::{SgFinderErrorBody, SgFinderRenderer};
pub use routes::{PREFIX, owns, scope};
