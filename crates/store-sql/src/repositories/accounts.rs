use account_domain::accounts::CreateAccountError;
use diesel::result::Error as DieselError;

use crate::errors::{UniqueKey, db_error, violated_unique_key};

/// A failed account insert as the port's error: a live account already holds the email or
/// login id, or something unexpected.
pub fn create_error(err: DieselError) -> CreateAccountError {
    match violated_unique_key(&err) {
        Some(UniqueKey::AccountEmail) => CreateAccountError::EmailTaken,
        Some(UniqueKey::AccountLoginId) => CreateAccountError::LoginIdTaken,
        _ => CreateAccountError::Unexpected(db_error("inserting an account")(err)),
    }
}

/// `AccountRepository`. Uniqueness among live accounts is the partial unique indexes' job, so
/// racing registrations are decided by the database: exactly one insert wins. A soft deletion
/// revokes the sessions and deletes the account's push tokens in its transaction.
#[doc(hidden)]
#[macro_export]
macro_rules! __account_repository {
    ($dialect:ident, $store:ty, $name:ident) => {
        $crate::__adapter_struct!(
            $store,
            $name,
            "Stores root user accounts (`AccountRepository`)."
        );

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::accounts::{
                Account, AccountId, AccountRepository, CreateAccountError, NewAccount,
            };
            use $crate::__private::account_domain::values::{Email, LoginId};
            use $crate::__private::chrono::{DateTime, Utc};
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel::result::Error as DieselError;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::db_error;
            use $crate::rows::{AccountRow, NewAccountRow};
            use $crate::schema::{accounts, child_users, devices, push_tokens, sessions};
            use $crate::time::StoredTime;

            #[$crate::__private::async_trait::async_trait]
            impl AccountRepository for $name {
                async fn create(
                    &self,
                    account: &NewAccount,
                ) -> Result<Account, CreateAccountError> {
                    let mut conn = self.store.writer().await?;
                    let row = $crate::__private::diesel::insert_into(accounts::table)
                        .values(NewAccountRow::from_domain(account))
                        .returning(AccountRow::as_returning())
                        .get_result(&mut *conn)
                        .await
                        .map_err($crate::repositories::accounts::create_error)?;
                    Ok(row.into_domain()?)
                }

                async fn find_by_id(
                    &self,
                    id: AccountId,
                ) -> Result<Option<Account>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    accounts::table
                        .find(id.0)
                        .select(AccountRow::as_select())
                        .first(&mut *conn)
                        .await
                        .optional()
                        .map_err(db_error("finding an account by id"))?
                        .map(AccountRow::into_domain)
                        .transpose()
                }

                async fn find_by_email(
                    &self,
                    email: &Email,
                ) -> Result<Option<Account>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    accounts::table
                        .filter(accounts::email_lower.eq(email.normalized()))
                        .filter(accounts::deleted_at.is_null())
                        .select(AccountRow::as_select())
                        .first(&mut *conn)
                        .await
                        .optional()
                        .map_err(db_error("finding an account by email"))?
                        .map(AccountRow::into_domain)
                        .transpose()
                }

                async fn find_by_login_id(
                    &self,
                    login_id: &LoginId,
                ) -> Result<Option<Account>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    accounts::table
                        .filter(accounts::login_id_lower.eq(login_id.normalized()))
                        .filter(accounts::deleted_at.is_null())
                        .select(AccountRow::as_select())
                        .first(&mut *conn)
                        .await
                        .optional()
                        .map_err(db_error("finding an account by login id"))?
                        .map(AccountRow::into_domain)
                        .transpose()
                }

                async fn soft_delete(
                    &self,
                    id: AccountId,
                    now: DateTime<Utc>,
                ) -> Result<bool, UnexpectedError> {
                    let at = StoredTime(now);
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, DieselError, async |c| {
                        let deleted = $crate::__private::diesel::update(
                            accounts::table
                                .find(id.0)
                                .filter(accounts::deleted_at.is_null()),
                        )
                        .set((
                            accounts::deleted_at.eq(at),
                            accounts::tokens_valid_after.eq(at),
                            accounts::updated_at.eq(at),
                        ))
                        .execute(c)
                        .await?;
                        if deleted == 0 {
                            return Ok(false);
                        }
                        $crate::__private::diesel::update(
                            sessions::table
                                .filter(sessions::account_id.eq(id.0))
                                .filter(sessions::revoked_at.is_null()),
                        )
                        .set(sessions::revoked_at.eq(at))
                        .execute(c)
                        .await?;
                        $crate::__private::diesel::delete(
                            push_tokens::table.filter(push_tokens::account_id.eq(id.0)),
                        )
                        .execute(c)
                        .await?;
                        // The children go with the account and their devices are released, so
                        // that a sold device can be claimed by its next owner.
                        let children = child_users::table
                            .filter(child_users::root_user_id.eq(id.0))
                            .select(child_users::id.nullable());
                        $crate::__private::diesel::update(
                            devices::table.filter(devices::real_user_id.eq_any(children)),
                        )
                        .set((
                            devices::real_user_id.eq(None::<i64>),
                            devices::updated_at.eq(at),
                        ))
                        .execute(c)
                        .await?;
                        $crate::__private::diesel::update(
                            child_users::table
                                .filter(child_users::root_user_id.eq(id.0))
                                .filter(child_users::deleted_at.is_null()),
                        )
                        .set((
                            child_users::deleted_at.eq(Some(at)),
                            child_users::updated_at.eq(at),
                        ))
                        .execute(c)
                        .await?;
                        Ok(true)
                    })
                    .map_err(db_error("soft-deleting an account"))
                }
            }
        };
    };
}
