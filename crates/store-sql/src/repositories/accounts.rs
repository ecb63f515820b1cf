//! `AccountRepository`. Uniqueness among live accounts is the partial unique indexes' job, so
//! racing registrations are decided by the database: exactly one insert wins. A soft deletion
//! ends the sessions and deletes their push tokens in its transaction ([`end_sessions`]).
//!
//! The same adapter implements `AccountProfileRepository` (`profiles.rs`) and
//! `AccountRoleRepository` (`roles.rs`).

use account_domain::UnexpectedError;
use account_domain::accounts::{
    Account, AccountId, AccountRepository, CreateAccountError, NewAccount,
};
use account_domain::values::{Email, LoginId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use diesel_async::RunQueryDsl;

use super::session_end::{Ending, end_sessions};
use crate::errors::{TxError, UniqueKey, db_error, violated_unique_key};
use crate::rows::{AccountRow, NewAccountRow};
use crate::schema::{accounts, child_users, devices};
use crate::time::StoredTime;
use crate::{Conn, Database, db_run};

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
fn create_error(err: DieselError) -> CreateAccountError {
    match violated_unique_key(&err) {
        Some(UniqueKey::AccountEmail) => CreateAccountError::EmailTaken,
        Some(UniqueKey::AccountLoginId) => CreateAccountError::LoginIdTaken,
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
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        diesel::insert_into(accounts::table)
                            .values(&account)
                            .returning(AccountRow::as_returning())
                            .get_result(conn)
                            .await
                    })?)
                })
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

    async fn soft_delete(
        &self,
        id: AccountId,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError> {
        self.db
            .write("soft-deleting an account", move |conn| {
                Box::pin(async move {
                    if !mark_deleted(conn, id, now).await? {
                        return Ok(false);
                    }
                    end_sessions(conn, id, Ending::AllBut(None), now).await?;
                    release_children(conn, id, now).await?;
                    Ok(true)
                })
            })
            .await
    }
}

/// Marks the live account deleted at `now`, which also invalidates its access tokens; false
/// if there is no live account `id`.
async fn mark_deleted(conn: &mut Conn<'_>, id: AccountId, now: DateTime<Utc>) -> QueryResult<bool> {
    let at = StoredTime(now);
    let deleted = db_run!(conn => {
        diesel::update(accounts::table.find(id.0).filter(accounts::deleted_at.is_null()))
            .set((
                accounts::deleted_at.eq(at),
                accounts::tokens_valid_after.eq(at),
                accounts::updated_at.eq(at),
            ))
            .execute(conn)
            .await
    })?;
    Ok(deleted > 0)
}

/// Soft-deletes the account's children and releases their devices, so that a sold device can
/// be claimed by its next owner.
async fn release_children(
    conn: &mut Conn<'_>,
    root_user: AccountId,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let at = StoredTime(now);
    db_run!(conn => {
        let children = child_users::table
            .filter(child_users::root_user_id.eq(root_user.0))
            .select(child_users::id.nullable());
        diesel::update(devices::table.filter(devices::real_user_id.eq_any(children)))
            .set((devices::real_user_id.eq(None::<i64>), devices::updated_at.eq(at)))
            .execute(conn)
            .await
    })?;
    db_run!(conn => {
        diesel::update(
            child_users::table
                .filter(child_users::root_user_id.eq(root_user.0))
                .filter(child_users::deleted_at.is_null()),
        )
        .set((child_users::deleted_at.eq(Some(at)), child_users::updated_at.eq(at)))
        .execute(conn)
        .await
    })?;
    Ok(())
}
