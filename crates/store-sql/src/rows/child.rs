use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::children::{ChildId, ChildPatch, ChildUser, NewChild};
use account_domain::values::{Birthdate, Gender};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use super::invalid_field;
use crate::schema::child_users;
use crate::time::StoredTime;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = child_users)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ChildRow {
    pub id: i64,
    pub root_user_id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub birthdate: NaiveDate,
    pub gender: String,
    pub created_at: StoredTime,
    pub updated_at: StoredTime,
    pub deleted_at: Option<StoredTime>,
}

impl ChildRow {
    pub fn into_domain(self) -> Result<ChildUser, UnexpectedError> {
        Ok(ChildUser {
            id: ChildId(self.id),
            root_user_id: AccountId(self.root_user_id),
            gender: Gender::parse(&self.gender).map_err(invalid_field(
                "child user",
                self.id,
                "gender",
            ))?,
            first_name: self.first_name,
            last_name: self.last_name,
            birthdate: Birthdate::from_stored(self.birthdate),
            created_at: self.created_at.into(),
            updated_at: self.updated_at.into(),
            deleted_at: self.deleted_at.map(Into::into),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = child_users)]
pub struct NewChildRow {
    pub root_user_id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub birthdate: NaiveDate,
    pub gender: &'static str,
    pub created_at: StoredTime,
    pub updated_at: StoredTime,
}

impl NewChildRow {
    pub fn from_domain(child: &NewChild) -> Self {
        Self {
            root_user_id: child.root_user_id.0,
            first_name: child.first_name.as_str().to_owned(),
            last_name: child.last_name.as_ref().map(|n| n.as_str().to_owned()),
            birthdate: child.birthdate.date(),
            gender: child.gender.code(),
            created_at: StoredTime(child.now),
            updated_at: StoredTime(child.now),
        }
    }
}

/// The columns a [`ChildPatch`] sets: `None` leaves a column as it is, `last_name: Some(None)`
/// clears it.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = child_users)]
pub struct ChildChangeset {
    pub first_name: Option<String>,
    pub last_name: Option<Option<String>>,
    pub birthdate: Option<NaiveDate>,
    pub gender: Option<&'static str>,
    pub updated_at: StoredTime,
}

impl ChildChangeset {
    pub fn from_domain(patch: &ChildPatch, now: DateTime<Utc>) -> Self {
        Self {
            first_name: patch.first_name.as_ref().map(|n| n.as_str().to_owned()),
            last_name: patch
                .last_name
                .as_ref()
                .map(|n| n.as_ref().map(|n| n.as_str().to_owned())),
            birthdate: patch.birthdate.map(|b| b.date()),
            gender: patch.gender.map(|g| g.code()),
            updated_at: StoredTime(now),
        }
    }
}

#[cfg(test)]
mod tests {
    use account_domain::values::PersonName;

    use super::*;
    use crate::test_times::t0;

    fn stored(gender: &str) -> ChildRow {
        ChildRow {
            id: 4,
            root_user_id: 1,
            first_name: "Min".into(),
            last_name: None,
            birthdate: NaiveDate::from_ymd_opt(2019, 3, 1).unwrap_or_default(),
            gender: gender.into(),
            created_at: StoredTime(t0()),
            updated_at: StoredTime(t0()),
            deleted_at: None,
        }
    }

    #[test]
    fn a_stored_row_becomes_a_child_and_a_bad_gender_is_an_error() {
        let child = stored("N").into_domain().ok().map(|c| (c.id, c.gender));
        assert_eq!(child, Some((ChildId(4), Gender::NonBinary)));
        let err = stored("X").into_domain().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("child user 4 has an invalid stored gender")
        );
    }

    #[test]
    fn a_patch_sets_only_its_fields_and_can_clear_the_last_name() {
        let name = PersonName::parse("Joon").ok();
        let patch = ChildPatch {
            first_name: name,
            last_name: Some(None),
            ..ChildPatch::default()
        };
        let changes = ChildChangeset::from_domain(&patch, t0());
        assert_eq!(changes.first_name.as_deref(), Some("Joon"));
        assert_eq!(changes.last_name, Some(None));
        assert_eq!((changes.birthdate, changes.gender), (None, None));
    }
}
