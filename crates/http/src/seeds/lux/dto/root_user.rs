use account_domain::accounts::{Account, ProfilePatch};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::values;
use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `PATCH root-user`: the fields to change; absent (or `null`) ones stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"first_name": "james", "last_name": "kim", "birthdate": "19970101", "gender": "M"}))]
pub struct RootUserPatchRequest {
    /// Given name (without the family name).
    #[schema(value_type = String, required = false)]
    pub first_name: Option<String>,
    /// Family name; `""` for a person who has none (as for child users).
    #[schema(value_type = String, required = false)]
    pub last_name: Option<String>,
    /// `yyyymmdd`, e.g. `19970101`.
    #[schema(value_type = String, required = false)]
    pub birthdate: Option<String>,
    /// `M` male, `F` female, `N` non-binary, `P` prefers not to say.
    #[schema(value_type = String, required = false)]
    pub gender: Option<String>,
}

impl RootUserPatchRequest {
    pub fn try_into_domain(self, today: NaiveDate) -> Result<ProfilePatch, ApiError> {
        let mut errors = FieldErrors::new();
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
        Ok(ProfilePatch {
            first_name,
            last_name,
            birthdate,
            gender,
            ..ProfilePatch::default()
        })
    }
}

/// The root user after `PATCH root-user`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "first_name": "james", "last_name": "kim", "birthdate": "19970101", "gender": "M",
    "phone": "+821012345678", "is_phone_number_checked": true, "register_type": "E"
}))]
pub struct RootUserResponse {
    pub id: i64,
    pub first_name: Option<String>,
    /// `""` when the person has no last name; `null` until given.
    pub last_name: Option<String>,
    /// `yyyymmdd`
    pub birthdate: Option<String>,
    /// `M`, `F`, `N` or `P`.
    pub gender: Option<&'static str>,
    /// E.164
    pub phone: Option<String>,
    pub is_phone_number_checked: bool,
    /// `E` email, `G` Google.
    pub register_type: &'static str,
}

impl From<Account> for RootUserResponse {
    fn from(account: Account) -> Self {
        Self {
            id: account.id.0,
            first_name: account.first_name,
            last_name: account.last_name,
            birthdate: account.birthdate.map(|b| b.compact()),
            gender: account.gender.map(|g| g.code()),
            phone: account.phone.map(|p| p.as_str().to_owned()),
            is_phone_number_checked: account.is_phone_number_checked,
            register_type: account.register_type.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    fn request(first_name: Option<&str>, gender: Option<&str>) -> RootUserPatchRequest {
        RootUserPatchRequest {
            first_name: first_name.map(Into::into),
            last_name: None,
            birthdate: None,
            gender: gender.map(Into::into),
        }
    }

    #[test]
    fn absent_fields_stay_as_they_are() {
        let patch = request(None, None).try_into_domain(today());
        assert!(patch.is_ok_and(|p| p.is_empty()));
    }

    #[test]
    fn an_empty_last_name_is_none_as_for_child_users() {
        let request = RootUserPatchRequest {
            last_name: Some(String::new()),
            ..request(None, None)
        };
        let patch = request.try_into_domain(today());
        assert!(patch.is_ok_and(|p| p.last_name == Some(None)));
    }

    #[test]
    fn every_invalid_field_is_reported() {
        let error = request(Some(""), Some("X"))
            .try_into_domain(today())
            .unwrap_err();
        assert_eq!(error.invalid_fields, ["first_name", "gender"]);
        assert_eq!(
            error.message,
            "first_name is empty; gender must be one of M, F, N, P"
        );
    }
}
