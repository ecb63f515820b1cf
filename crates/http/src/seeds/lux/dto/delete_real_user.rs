use account_domain::children::{ChildId, DeleteChildError};
use account_domain::values::DeviceUniqueId;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `DELETE delete-real-user`: the child user, and the device to release. The document lists
/// them under "Parameters" and its example sends them as a JSON body, so both are read: the
/// query string (`?real_user_id=1&unique_id=unique`), and a JSON body when the request has
/// one, whose fields win.
#[derive(Debug, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
#[schema(example = json!({"real_user_id": 1, "unique_id": "string"}))]
pub struct DeleteRealUserRequest {
    /// The child user's id (required, here or in the body).
    #[schema(required = true, value_type = i64)]
    #[param(value_type = i64)]
    pub real_user_id: Option<i64>,
    /// The `unique_id` of the device bound to it (required, here or in the body).
    #[schema(required = true, value_type = String)]
    #[param(value_type = String)]
    pub unique_id: Option<String>,
}

/// A child user to delete and the device the client believes is bound to it.
#[derive(Debug)]
pub struct RealUserDeletion {
    pub id: ChildId,
    pub unique_id: DeviceUniqueId,
}

impl DeleteRealUserRequest {
    /// These fields, each taken from `fallback` where absent here.
    pub fn or(self, fallback: Self) -> Self {
        Self {
            real_user_id: self.real_user_id.or(fallback.real_user_id),
            unique_id: self.unique_id.or(fallback.unique_id),
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn request(real_user_id: Option<i64>, unique_id: Option<&str>) -> DeleteRealUserRequest {
        DeleteRealUserRequest {
            real_user_id,
            unique_id: unique_id.map(Into::into),
        }
    }

    #[test]
    fn body_fields_win_and_query_fields_fill_in() {
        let merged = request(Some(1), None).or(request(Some(2), Some("unique")));
        assert_eq!(merged.real_user_id, Some(1));
        assert_eq!(merged.unique_id.as_deref(), Some("unique"));
    }

    #[test]
    fn every_missing_field_is_named() {
        let error = request(None, None).try_into_domain().unwrap_err();
        assert_eq!(error.status.as_u16(), 400);
        assert_eq!(error.invalid_fields, ["real_user_id", "unique_id"]);
    }
}
