use account_domain::accounts::ProfilePatch;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use crate::schema::accounts;
use crate::time::StoredTime;

/// The own-profile columns a [`ProfilePatch`] sets; `None` leaves a column as it is.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = accounts)]
pub struct ProfileChangeset {
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub birthdate: Option<NaiveDate>,
    pub gender: Option<&'static str>,
    pub introduce: Option<String>,
    pub nickname: Option<String>,
    pub phone: Option<String>,
    /// `Some(false)` with a new phone: a number entered is not checked.
    pub is_phone_number_checked: Option<bool>,
    pub updated_at: StoredTime,
}

impl ProfileChangeset {
    pub fn from_domain(patch: &ProfilePatch, now: DateTime<Utc>) -> Self {
        Self {
            name: patch.name.clone(),
            first_name: patch.first_name.as_ref().map(|n| n.as_str().to_owned()),
            // No last name is stored as `""`: given, unlike `NULL` (never asked).
            last_name: patch
                .last_name
                .as_ref()
                .map(|n| n.as_ref().map_or("", |n| n.as_str()).to_owned()),
            birthdate: patch.birthdate.map(|b| b.date()),
            gender: patch.gender.map(|g| g.code()),
            nickname: patch.nickname.as_ref().map(|n| n.as_str().to_owned()),
            phone: patch.phone.as_ref().map(|p| p.as_str().to_owned()),
            is_phone_number_checked: patch.phone.as_ref().map(|_| false),
            introduce: patch.introduce.as_ref().map(|i| i.as_str().to_owned()),
            updated_at: StoredTime(now),
        }
    }
}
