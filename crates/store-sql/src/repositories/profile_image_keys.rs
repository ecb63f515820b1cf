//! `ProfileImageKeyRepository`, implemented on the accounts adapter: the key a live account
//! had is read (locked on PostgreSQL; SQLite's writer transaction excludes other writers) and
//! replaced in one transaction, so two racing replacements each get the other's key back.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::profile_images::{ProfileImageKeyRepository, ReplacedImageKey};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::accounts::SqlAccountRepository;
use crate::schema::accounts;
use crate::time::StoredTime;
use crate::{db_run, keyed_by_sql};

#[async_trait]
impl ProfileImageKeyRepository for SqlAccountRepository {
    async fn replace_profile_image_key(
        &self,
        id: AccountId,
        key: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Option<ReplacedImageKey>, UnexpectedError> {
        self.db
            .write("replacing a profile image key", move |conn| {
                Box::pin(async move {
                    let live = accounts::table
                        .find(id.0)
                        .filter(accounts::deleted_at.is_null())
                        .select(accounts::profile_image_key);
                    let previous: Option<Option<String>> = db_run!(conn =>
                        postgres: live.for_update().get_result(conn).await.optional(),
                        sqlite: live.get_result(conn).await.optional(),
                    )?;
                    let Some(previous) = previous else {
                        return Ok(None);
                    };
                    let at = StoredTime(now);
                    db_run!(conn => {
                        keyed_by_sql(diesel::update(accounts::table.find(id.0)).set((
                            accounts::profile_image_key.eq(key.as_deref()),
                            accounts::updated_at.eq(&at),
                        )))
                        .execute(conn)
                        .await
                    })?;
                    Ok(Some(ReplacedImageKey { previous }))
                })
            })
            .await
    }
}
