//! `AccountRoleRepository`, implemented on the accounts adapter: one `UPDATE ... RETURNING`
//! guarded by `deleted_at IS NULL`, so an account deleted meanwhile is left as it is.

use account_domain::UnexpectedError;
use account_domain::accounts::{Account, AccountId, AccountRoleRepository};
use account_domain::values::Roles;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::accounts::SqlAccountRepository;
use crate::rows::AccountRow;
use crate::schema::accounts;
use crate::time::StoredTime;
use crate::{db_run, keyed_by_sql};

#[async_trait]
impl AccountRoleRepository for SqlAccountRepository {
    async fn set_roles(
        &self,
        id: AccountId,
        roles: &Roles,
        now: DateTime<Utc>,
    ) -> Result<Option<Account>, UnexpectedError> {
        let roles = roles.to_csv();
        let at = StoredTime(now);
        self.db
            .write("setting the roles of an account", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        keyed_by_sql(
                            diesel::update(
                                accounts::table
                                    .find(id.0)
                                    .filter(accounts::deleted_at.is_null()),
                            )
                            .set((accounts::roles.eq(&roles), accounts::updated_at.eq(at)))
                            .returning(AccountRow::as_returning()),
                        )
                        .get_result(conn)
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
