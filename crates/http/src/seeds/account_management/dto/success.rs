use serde::Serialize;
use utoipa::ToSchema;

/// `{"success": true}`
#[derive(Debug, Serialize, ToSchema)]
pub struct SuccessResponse {
    #[schema(example = true)]
    pub success: bool,
}

impl SuccessResponse {
    pub const OK: Self = Self { success: true };
}
