//! `NotificationSettingsRepository`: a save checks the account is live and upserts its row
//! (`ON CONFLICT (account_id) DO UPDATE`), in one transaction.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::notifications::{NotificationSettings, NotificationSettingsRepository};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::policies::is_live;
use crate::rows::NotificationSettingsRow;
use crate::schema::notification_settings;
use crate::{Database, db_run, keyed_by_sql};

/// Stores notification settings.
#[derive(Clone)]
pub struct SqlNotificationSettingsRepository {
    db: Database,
}

impl SqlNotificationSettingsRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl NotificationSettingsRepository for SqlNotificationSettingsRepository {
    async fn find(
        &self,
        account: AccountId,
    ) -> Result<Option<NotificationSettings>, UnexpectedError> {
        self.db
            .read("finding notification settings", move |conn| {
                Box::pin(async move {
                    let row: Option<NotificationSettingsRow> = db_run!(conn => {
                        notification_settings::table
                            .find(account.0)
                            .select(NotificationSettingsRow::as_select())
                            .first(conn)
                            .await
                            .optional()
                    })?;
                    Ok(row.map(NotificationSettingsRow::into_domain))
                })
            })
            .await
    }

    async fn save(
        &self,
        account: AccountId,
        settings: &NotificationSettings,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError> {
        let row = NotificationSettingsRow::new(account, settings, now);
        self.db
            .write("saving notification settings", move |conn| {
                Box::pin(async move {
                    if !is_live(conn, account).await? {
                        return Ok(false);
                    }
                    db_run!(conn => {
                        keyed_by_sql(
                            diesel::insert_into(notification_settings::table)
                                .values(&row)
                                .on_conflict(notification_settings::account_id)
                                .do_update()
                                .set(&row),
                        )
                        .execute(conn)
                        .await
                    })?;
                    Ok(true)
                })
            })
            .await
    }
}
