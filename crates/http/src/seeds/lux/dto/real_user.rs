use account_domain::children::{ChildId, ChildPatch, ChildUser};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::values;
use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// A child user ("real user") of the caller.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "root_user_id": 1, "first_name": "tester", "last_name": "john",
    "birthdate": "20010608", "gender": "P"
}))]
pub struct RealUserResponse {
    pub id: i64,
    pub root_user_id: i64,
    pub first_name: String,
    /// `""` when the child has none.
    pub last_name: String,
    /// `yyyymmdd`
    pub birthdate: String,
    /// `M`, `F`, `N` or `P`.
    pub gender: &'static str,
}

impl From<ChildUser> for RealUserResponse {
    fn from(child: ChildUser) -> Self {
        Self {
            id: child.id.0,
            root_user_id: child.root_user_id.0,
            first_name: child.first_name,
            last_name: child.last_name.unwrap_or_default(),
            birthdate: child.birthdate.compact(),
            gender: child.gender.code(),
        }
    }
}

/// The `{real_user_id}` of `/api/v1/lux/user/real-user/{real_user_id}`.
#[derive(Debug, Deserialize)]
pub struct RealUserPath {
    real_user_id: String,
}

impl RealUserPath {
    pub fn try_into_domain(self) -> Result<ChildId, ApiError> {
        self.real_user_id.parse().map(ChildId).map_err(|_| {
            ApiError::invalid_request("real_user_id must be an integer")
                .with_invalid_fields(["real_user_id"])
        })
    }
}

/// `PATCH real-user/{real_user_id}`: the fields to change; absent (or `null`) ones stay.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "first_name": "tester", "last_name": "john", "birthdate": "20010608", "gender": "P"
}))]
pub struct RealUserPatchRequest {
    /// The child user's id; when given it must be the one in the path.
    #[schema(value_type = i64, required = false)]
    pub id: Option<i64>,
    #[schema(value_type = String, required = false)]
    pub first_name: Option<String>,
    /// `""` removes the last name.
    #[schema(value_type = String, required = false)]
    pub last_name: Option<String>,
    /// `yyyymmdd`, e.g. `19970101`.
    #[schema(value_type = String, required = false)]
    pub birthdate: Option<String>,
    /// `M` male, `F` female, `N` non-binary, `P` prefers not to say.
    #[schema(value_type = String, required = false)]
    pub gender: Option<String>,
}

impl RealUserPatchRequest {
    pub fn try_into_domain(
        self,
        path_id: ChildId,
        today: NaiveDate,
    ) -> Result<ChildPatch, ApiError> {
        let mut errors = FieldErrors::new();
        if self.id.is_some_and(|id| id != path_id.0) {
            errors.add("id", "Body id must be the real_user_id of the path");
        }
        let first_name = errors.parse_present(
            "first_name",
            self.first_name,
            values::person_name("first_name"),
        );
        let last_name = errors.parse_present("last_name", self.last_name, values::last_name);
        let birthdate = errors.parse_present("birthdate", self.birthdate, values::birthdate(today));
        let gender = errors.parse_present("gender", self.gender, values::gender);
        let (Some(first_name), Some(last_name), Some(birthdate), Some(gender)) =
            (first_name, last_name, birthdate, gender)
        else {
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        Ok(ChildPatch {
            first_name,
            last_name,
            birthdate,
            gender,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    fn request(id: Option<i64>, last_name: Option<&str>) -> RealUserPatchRequest {
        RealUserPatchRequest {
            id,
            first_name: None,
            last_name: last_name.map(Into::into),
            birthdate: None,
            gender: None,
        }
    }

    #[test]
    fn the_body_id_must_match_the_path() {
        assert!(
            request(Some(1), None)
                .try_into_domain(ChildId(1), today())
                .is_ok()
        );
        assert!(
            request(None, None)
                .try_into_domain(ChildId(1), today())
                .is_ok()
        );
        let error = request(Some(2), None)
            .try_into_domain(ChildId(1), today())
            .unwrap_err();
        assert_eq!(
            (error.status.as_u16(), error.message.as_ref()),
            (400, "Body id must be the real_user_id of the path")
        );
    }

    #[test]
    fn an_empty_last_name_removes_it() {
        let patch = request(None, Some("")).try_into_domain(ChildId(1), today());
        assert!(patch.is_ok_and(|p| p.last_name == Some(None)));
    }

    #[test]
    fn the_path_id_is_an_integer() {
        let path = RealUserPath {
            real_user_id: "one".into(),
        };
        assert_eq!(
            path.try_into_domain().unwrap_err().invalid_fields,
            ["real_user_id"]
        );
    }
}
