use serde::Serialize;
use utoipa::ToSchema;

/// `{"statusCode": 200, "message": "..."}`: how the Lux document answers a command.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"statusCode": 200, "message": "Root user phone updated"}))]
pub struct LuxStatusMessage {
    #[serde(rename = "statusCode")]
    #[schema(example = 200)]
    pub status_code: u16,
    pub message: &'static str,
}

impl LuxStatusMessage {
    pub const fn ok(message: &'static str) -> Self {
        Self {
            status_code: 200,
            message,
        }
    }

    pub const ROOT_USER_DELETED: Self = Self::ok("Root user deleted");
    pub const PHONE_UPDATED: Self = Self::ok("Root user phone updated");
    pub const SMS_SENT: Self = Self::ok("SMS sent");
    pub const REAL_USER_DELETED: Self = Self::ok("Real user deleted successfully");
}
