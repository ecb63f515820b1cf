//! `AccountProfileRepository`, implemented on the accounts adapter: one `UPDATE ... RETURNING`
//! guarded by `deleted_at IS NULL`, so an account deleted meanwhile is left as it is.

use account_domain::UnexpectedError;
use account_domain::accounts::{Account, AccountId, AccountProfileRepository, ProfilePatch};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::QueryResult;
use diesel_async::RunQueryDsl;

use super::accounts::SqlAccountRepository;
use crate::rows::{AccountRow, ProfileChangeset};
use crate::schema::accounts;
use crate::{Conn, db_run};

#[async_trait]
impl AccountProfileRepository for SqlAccountRepository {
    async fn update_profile(
        &self,
        id: AccountId,
        patch: &ProfilePatch,
        now: DateTime<Utc>,
    ) -> Result<Option<Account>, UnexpectedError> {
        let patch = patch.clone();
        self.db
            .write("updating an account profile", move |conn| {
                Box::pin(async move { Ok(update_profile(conn, id, &patch, now).await?) })
            })
            .await?
            .map(AccountRow::into_domain)
            .transpose()
    }
}

/// Sets the fields of `patch` on the live account; `None` when no live account has this id.
pub async fn update_profile(
    conn: &mut Conn<'_>,
    id: AccountId,
    patch: &ProfilePatch,
    now: DateTime<Utc>,
) -> QueryResult<Option<AccountRow>> {
    let changes = ProfileChangeset::from_domain(patch, now);
    db_run!(conn => {
        diesel::update(accounts::table.find(id.0).filter(accounts::deleted_at.is_null()))
            .set(&changes)
            .returning(AccountRow::as_returning())
            .get_result(conn)
            .await
            .optional()
    })
}
