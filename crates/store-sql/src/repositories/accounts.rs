//! `AccountRepository`. Uniqueness among live accounts is the partial unique indexes' job, so
//! racing registrations are decided by the database: exactly one insert wins. Withdrawal is the
//! domain's unit of work (`accounts::withdrawal`, run by `SqlUnitOfWork`).
//!
//! The same adapter implements `AccountProfileRepository` (`profiles.rs`) and
//! `AccountRoleRepository` (`roles.rs`).

use account_domain::UnexpectedError;
use account_domain::accounts::{
    Account, AccountId, AccountRepository, CreateAccountError, NewAccount,
};
use account_domain::values::{Email, LoginId, Nickname, Phone};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use diesel_async::RunQueryDsl;

use crate::errors::{TxError, UniqueKey, db_error, violated_unique_key};
use crate::rows::{AccountRow, NewAccountRow};
use crate::schema::accounts;
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql};

/// Stores root user accounts (`AccountRepository`), their own profile
/// (`AccountProfileRepository`) and their roles (`AccountRoleRepository`).
#[derive(Clone)]
pub struct SqlAccountRepository {
    pub(super) db: Database,
}

impl SqlAccountRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

/// A failed account insert as the port's error: a live account already holds the email or
/// login id, or something unexpected.
pub(super) fn create_error(err: DieselError) -> CreateAccountError {
    match violated_unique_key(&err) {
        Some(UniqueKey::AccountEmail) => CreateAccountError::EmailTaken,
        Some(UniqueKey::AccountLoginId) => CreateAccountError::LoginIdTaken,
        Some(UniqueKey::AccountNickname) => CreateAccountError::NicknameTaken,
        _ => CreateAccountError::Unexpected(db_error("inserting an account")(err)),
    }
}

#[async_trait]
impl AccountRepository for SqlAccountRepository {
    async fn create(&self, account: &NewAccount) -> Result<Account, CreateAccountError> {
        let account = NewAccountRow::from_domain(account);
        let row = self
            .db
            .transaction::<_, TxError, _>(move |conn| {
                Box::pin(async move { Ok(insert_account(conn, &account).await?) })
            })
            .await
            .map_err(|err| match err {
                TxError::Db(err) => create_error(err),
                TxError::Unexpected(err) => CreateAccountError::Unexpected(err),
            })?;
        Ok(row.into_domain()?)
    }

    async fn find_by_id(&self, id: AccountId) -> Result<Option<Account>, UnexpectedError> {
        self.db
            .read("finding an account by id", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        accounts::table
                            .find(id.0)
                            .select(AccountRow::as_select())
                            .first(conn)
                            .await
                            .optional()
                    })?)
                })
            })
            .await?
            .map(AccountRow::into_domain)
            .transpose()
    }

    async fn find_by_email(&self, email: &Email) -> Result<Option<Account>, UnexpectedError> {
        let email = email.normalized();
        self.db
            .read("finding an account by email", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        accounts::table
                            .filter(accounts::email_lower.eq(&email))
                            .filter(accounts::deleted_at.is_null())
                            .select(AccountRow::as_select())
                            .first(conn)
                            .await
                            .optional()
                    })?)
                })
            })
            .await?
            .map(AccountRow::into_domain)
            .transpose()
    }

    async fn find_by_login_id(
        &self,
        login_id: &LoginId,
    ) -> Result<Option<Account>, UnexpectedError> {
        let login_id = login_id.normalized();
        self.db
            .read("finding an account by login id", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        accounts::table
                            .filter(accounts::login_id_lower.eq(&login_id))
                            .filter(accounts::deleted_at.is_null())
                            .select(AccountRow::as_select())
                            .first(conn)
                            .await
                            .optional()
                    })?)
                })
            })
            .await?
            .map(AccountRow::into_domain)
            .transpose()
    }
}

/// Inserts the account and returns it as stored.
pub(super) async fn insert_account(
    conn: &mut Conn<'_>,
    account: &NewAccountRow,
) -> QueryResult<AccountRow> {
    db_run!(conn => {
        diesel::insert_into(accounts::table)
            .values(account)
            .returning(AccountRow::as_returning())
            .get_result(conn)
            .await
    })
}

/// Whether a live account other than `except` (any, when `None`) holds `nickname`.
pub(super) async fn nickname_held_elsewhere(
    conn: &mut Conn<'_>,
    except: Option<AccountId>,
    nickname: &Nickname,
) -> QueryResult<bool> {
    let except = except.map_or(0, |id| id.0);
    let holder: Option<i64> = db_run!(conn => {
        accounts::table
            .filter(accounts::nickname.eq(nickname.as_str()))
            .filter(accounts::deleted_at.is_null())
            .filter(accounts::id.ne(except))
            .select(accounts::id)
            .first(conn)
            .await
            .optional()
    })?;
    Ok(holder.is_some())
}

/// Marks the account's email verified.
pub(super) async fn mark_email_verified(
    conn: &mut Conn<'_>,
    account: AccountId,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let at = StoredTime(now);
    db_run!(conn => {
        keyed_by_sql(diesel::update(accounts::table.find(account.0)).set((
            accounts::email_verified.eq(true),
            accounts::updated_at.eq(at),
        )))
        .execute(conn)
        .await
    })?;
    Ok(())
}

/// Whether a live account other than `account` holds `phone` checked.
pub(super) async fn phone_checked_elsewhere(
    conn: &mut Conn<'_>,
    account: AccountId,
    phone: &Phone,
) -> QueryResult<bool> {
    let holder: Option<i64> = db_run!(conn => {
        accounts::table
            .filter(accounts::phone.eq(phone.as_str()))
            .filter(accounts::is_phone_number_checked.eq(true))
            .filter(accounts::deleted_at.is_null())
            .filter(accounts::id.ne(account.0))
            .select(accounts::id)
            .first(conn)
            .await
            .optional()
    })?;
    Ok(holder.is_some())
}

/// Sets the account's phone, checked; false when the unique index of checked phones among
/// live accounts refuses it (another account got it first).
pub(super) async fn set_checked_phone(
    conn: &mut Conn<'_>,
    account: AccountId,
    phone: &Phone,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let at = StoredTime(now);
    let set = db_run!(conn => {
        keyed_by_sql(diesel::update(accounts::table.find(account.0)).set((
            accounts::phone.eq(phone.as_str()),
            accounts::is_phone_number_checked.eq(true),
            accounts::updated_at.eq(at),
        )))
        .execute(conn)
        .await
    });
    match set {
        Ok(_) => Ok(true),
        Err(err) if violated_unique_key(&err) == Some(UniqueKey::AccountPhone) => Ok(false),
        Err(err) => Err(err),
    }
}
