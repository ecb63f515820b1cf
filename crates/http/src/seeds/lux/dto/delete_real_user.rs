use account_domain::children::{ChildId, DeleteChildError};
use account_domain::values::DeviceUniqueId;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `DELETE delete-real-user` (a JSON body): the child user, and the device to release.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"real_user_id": 1, "unique_id": "string"}))]
pub struct DeleteRealUserRequest {
    /// The child user's id.
    #[schema(required = true, value_type = i64)]
    pub real_user_id: Option<i64>,
    /// The `unique_id` of the device bound to it.
    #[schema(required = true, value_type = String)]
    pub unique_id: Option<String>,
}

/// A child user to delete and the device the client believes is bound to it.
#[derive(Debug)]
pub struct RealUserDeletion {
    pub id: ChildId,
    pub unique_id: DeviceUniqueId,
}

impl DeleteRealUserRequest {
    /// A unique id no device can have cannot be bound to the child user: the document's
    /// `409 Real user delete failed`.
    pub fn try_into_domain(self) -> Result<RealUserDeletion, ApiError> {
        let mut errors = FieldErrors::new();
        if self.real_user_id.is_none() {
            errors.add("real_user_id", "real_user_id is required");
        }
        let unique_id = errors.required("unique_id", self.unique_id);
        let (Some(id), Some(unique_id)) = (self.real_user_id, unique_id) else {
            return Err(errors.into());
        };
        let unique_id =
            DeviceUniqueId::parse(&unique_id).map_err(|_| DeleteChildError::DeviceNotConnected)?;
        Ok(RealUserDeletion {
            id: ChildId(id),
            unique_id,
        })
    }
}
