use serde::Serialize;
use utoipa::ToSchema;

/// `{"msg": "Done"}` and its variants (`Done!` for a sent code, `Done.` for a creation), as the
/// document prints them per route.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"msg": "Done"}))]
pub struct DoneResponse {
    pub msg: &'static str,
}

impl DoneResponse {
    pub const SENT: Self = Self { msg: "Done!" };
    pub const DONE: Self = Self { msg: "Done" };
}
