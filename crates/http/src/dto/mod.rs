//! Body helpers every seed shares, and the bodies of the routes no seed owns (health). Each
//! seed's own bodies are in its folder (`seeds/<seed>/dto/`). Requests convert into domain
//! values with `try_into_domain`, collecting every field error; responses carry the seeds'
//! field names (serde renames).

mod field_errors;
pub mod health;

pub use field_errors::FieldErrors;
