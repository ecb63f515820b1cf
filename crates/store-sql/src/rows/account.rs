use account_domain::UnexpectedError;
use account_domain::accounts::{Account, AccountId, NewAccount, PublicAccountId, RegisterType};
use account_domain::values::{Birthdate, Email, Gender, LoginId, Phone, Roles};
use chrono::NaiveDate;
use diesel::prelude::*;

use super::UnknownCode;
use crate::schema::accounts;
use crate::time::StoredTime;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = accounts)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub email_lower: String,
    pub login_id: Option<String>,
    pub login_id_lower: Option<String>,
    pub nickname: Option<String>,
    pub password_hash: Option<String>,
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub birthdate: Option<NaiveDate>,
    pub gender: Option<String>,
    pub phone: Option<String>,
    pub is_phone_number_checked: bool,
    pub register_type: String,
    pub national_code: Option<String>,
    pub locale: Option<String>,
    pub introduce: Option<String>,
    pub email_verified: bool,
    pub profile_image_key: Option<String>,
    pub roles: String,
    pub password_changed_at: Option<StoredTime>,
    pub tokens_valid_after: StoredTime,
    pub created_at: StoredTime,
    pub updated_at: StoredTime,
    pub deleted_at: Option<StoredTime>,
    pub banned_at: Option<StoredTime>,
    pub anonymized_at: Option<StoredTime>,
    /// Written with every new account (and backfilled by its migration); SQLite's column is
    /// nullable only because SQLite cannot add a required column to a table with rows.
    pub public_id: Option<String>,
}

impl AccountRow {
    pub fn into_domain(self) -> Result<Account, UnexpectedError> {
        let id = self.id;
        Ok(Account {
            id: AccountId(id),
            public_id: self
                .public_id
                .as_deref()
                .ok_or(MissingPublicId)
                .and_then(|raw| PublicAccountId::parse(raw).map_err(|_| MissingPublicId))
                .map_err(invalid(id, "public id"))?,
            email: Email::parse(&self.email).map_err(invalid(id, "email"))?,
            login_id: self
                .login_id
                .as_deref()
                .map(LoginId::parse)
                .transpose()
                .map_err(invalid(id, "login id"))?,
            nickname: self.nickname,
            password_hash: self.password_hash,
            name: self.name,
            first_name: self.first_name,
            last_name: self.last_name,
            birthdate: self.birthdate.map(Birthdate::from_stored),
            gender: self
                .gender
                .as_deref()
                .map(Gender::parse)
                .transpose()
                .map_err(invalid(id, "gender"))?,
            phone: self
                .phone
                .as_deref()
                .map(Phone::from_stored)
                .transpose()
                .map_err(invalid(id, "phone"))?,
            is_phone_number_checked: self.is_phone_number_checked,
            register_type: RegisterType::parse(&self.register_type)
                .ok_or_else(|| UnknownCode(self.register_type.clone()))
                .map_err(invalid(id, "register type"))?,
            national_code: self.national_code,
            locale: self.locale,
            introduce: self.introduce,
            email_verified: self.email_verified,
            profile_image_key: self.profile_image_key,
            roles: Roles::parse_csv(&self.roles).map_err(invalid(id, "roles"))?,
            password_changed_at: self.password_changed_at.map(Into::into),
            tokens_valid_after: self.tokens_valid_after.into(),
            created_at: self.created_at.into(),
            updated_at: self.updated_at.into(),
            deleted_at: self.deleted_at.map(Into::into),
            banned_at: self.banned_at.map(Into::into),
            anonymized_at: self.anonymized_at.map(Into::into),
        })
    }
}

/// A stored public id that is absent or not 64 hex characters.
#[derive(Debug)]
struct MissingPublicId;

impl std::fmt::Display for MissingPublicId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no public id of 64 hex characters")
    }
}

impl std::error::Error for MissingPublicId {}

/// For `map_err`: a stored field of account `id` that no longer parses.
fn invalid<E>(id: i64, field: &'static str) -> impl FnOnce(E) -> UnexpectedError
where
    E: std::error::Error + Send + Sync + 'static,
{
    move |err| {
        UnexpectedError::with_source(format!("account {id} has an invalid stored {field}"), err)
    }
}

/// What registration inserts: a live account with an unverified email and phone.
///
/// A `None` is inserted as `NULL`, not `DEFAULT` (the same: no nullable column of `accounts` has
/// a default), so the insert has one SQL text whichever optional fields a registration gives,
/// and diesel prepares it once per connection.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = accounts)]
#[diesel(treat_none_as_default_value = false)]
pub struct NewAccountRow {
    pub public_id: String,
    pub email: String,
    pub email_lower: String,
    pub login_id: Option<String>,
    pub login_id_lower: Option<String>,
    pub nickname: Option<String>,
    pub password_hash: Option<String>,
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub birthdate: Option<NaiveDate>,
    pub gender: Option<&'static str>,
    pub phone: Option<String>,
    pub is_phone_number_checked: bool,
    pub register_type: &'static str,
    pub introduce: Option<String>,
    pub email_verified: bool,
    pub roles: String,
    pub password_changed_at: Option<StoredTime>,
    pub tokens_valid_after: StoredTime,
    pub created_at: StoredTime,
    pub updated_at: StoredTime,
}

impl NewAccountRow {
    pub fn from_domain(account: &NewAccount) -> Self {
        let now = StoredTime(account.now);
        Self {
            public_id: account.public_id.as_str().to_owned(),
            email: account.email.as_str().to_owned(),
            email_lower: account.email.normalized(),
            login_id: account.login_id.as_ref().map(|id| id.as_str().to_owned()),
            login_id_lower: account.login_id.as_ref().map(LoginId::normalized),
            nickname: account.nickname.as_ref().map(|n| n.as_str().to_owned()),
            password_hash: account.password_hash.clone(),
            name: account.name.clone(),
            first_name: account.first_name.clone(),
            last_name: account.last_name.clone(),
            birthdate: account.birthdate.map(|b| b.date()),
            gender: account.gender.map(|g| g.code()),
            phone: account.phone.as_ref().map(|p| p.as_str().to_owned()),
            is_phone_number_checked: false,
            register_type: account.register_type.code(),
            introduce: account.introduce.as_ref().map(|i| i.as_str().to_owned()),
            email_verified: false,
            roles: account.roles.to_csv(),
            password_changed_at: account.password_hash.as_ref().map(|_| now),
            tokens_valid_after: now,
            created_at: now,
            updated_at: now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_times::t0;

    fn stored() -> AccountRow {
        AccountRow {
            id: 7,
            email: "Ann@Example.com".into(),
            email_lower: "ann@example.com".into(),
            login_id: Some("ann_1".into()),
            login_id_lower: Some("ann_1".into()),
            nickname: None,
            password_hash: None,
            name: None,
            first_name: None,
            last_name: None,
            birthdate: None,
            gender: Some("F".into()),
            phone: Some("+821012345678".into()),
            is_phone_number_checked: true,
            register_type: "G".into(),
            national_code: None,
            locale: None,
            introduce: None,
            email_verified: true,
            profile_image_key: None,
            roles: "ADMIN,USER".into(),
            password_changed_at: None,
            tokens_valid_after: StoredTime(t0()),
            created_at: StoredTime(t0()),
            updated_at: StoredTime(t0()),
            deleted_at: None,
            banned_at: None,
            anonymized_at: None,
            public_id: Some("ab".repeat(32)),
        }
    }

    #[test]
    fn a_stored_row_becomes_an_account() {
        let account = stored().into_domain().map_err(|e| format!("{e:?}"));
        let account = account.as_ref().map(|a| {
            (
                a.id,
                a.email.as_str(),
                a.gender,
                a.register_type,
                a.roles.to_csv(),
            )
        });
        assert_eq!(
            account,
            Ok((
                AccountId(7),
                "Ann@Example.com",
                Some(Gender::Female),
                RegisterType::Google,
                "ADMIN,USER".into()
            ))
        );
    }

    #[test]
    fn a_stored_value_that_no_longer_parses_is_an_error_naming_the_field() {
        for (field, row) in [
            (
                "email",
                AccountRow {
                    email: "not an email".into(),
                    ..stored()
                },
            ),
            (
                "gender",
                AccountRow {
                    gender: Some("X".into()),
                    ..stored()
                },
            ),
            (
                "phone",
                AccountRow {
                    phone: Some("0101234".into()),
                    ..stored()
                },
            ),
            (
                "register type",
                AccountRow {
                    register_type: "Z".into(),
                    ..stored()
                },
            ),
            (
                "roles",
                AccountRow {
                    roles: "ROOT".into(),
                    ..stored()
                },
            ),
            (
                "login id",
                AccountRow {
                    login_id: Some("a b".into()),
                    ..stored()
                },
            ),
            (
                "public id",
                AccountRow {
                    public_id: None,
                    ..stored()
                },
            ),
        ] {
            let err = row.into_domain().err().map(|e| e.to_string());
            assert_eq!(
                err,
                Some(format!("account 7 has an invalid stored {field}"))
            );
        }
    }
}
