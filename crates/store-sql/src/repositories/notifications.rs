/// `NotificationSettingsRepository`: a save checks the account is live and upserts its row
/// (`ON CONFLICT (account_id) DO UPDATE`), in one transaction.
#[doc(hidden)]
#[macro_export]
macro_rules! __notification_settings_repository {
    ($dialect:ident, $store:ty, $name:ident) => {
        $crate::__adapter_struct!(
            $store,
            $name,
            "Stores notification settings (`NotificationSettingsRepository`)."
        );

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::accounts::AccountId;
            use $crate::__private::account_domain::notifications::{
                NotificationSettings, NotificationSettingsRepository,
            };
            use $crate::__private::chrono::{DateTime, Utc};
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel::result::Error as DieselError;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::db_error;
            use $crate::rows::NotificationSettingsRow;
            use $crate::schema::{accounts, notification_settings};

            #[$crate::__private::async_trait::async_trait]
            impl NotificationSettingsRepository for $name {
                async fn find(
                    &self,
                    account: AccountId,
                ) -> Result<Option<NotificationSettings>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    notification_settings::table
                        .find(account.0)
                        .select(NotificationSettingsRow::as_select())
                        .first(&mut *conn)
                        .await
                        .optional()
                        .map(|row| row.map(NotificationSettingsRow::into_domain))
                        .map_err(db_error("finding notification settings"))
                }

                async fn save(
                    &self,
                    account: AccountId,
                    settings: &NotificationSettings,
                    now: DateTime<Utc>,
                ) -> Result<bool, UnexpectedError> {
                    let row = NotificationSettingsRow::new(account, settings, now);
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, DieselError, async |c| {
                        let live: Option<i64> = accounts::table
                            .find(account.0)
                            .filter(accounts::deleted_at.is_null())
                            .select(accounts::id)
                            .get_result(c)
                            .await
                            .optional()?;
                        if live.is_none() {
                            return Ok(false);
                        }
                        $crate::__private::diesel::insert_into(notification_settings::table)
                            .values(&row)
                            .on_conflict(notification_settings::account_id)
                            .do_update()
                            .set(&row)
                            .execute(c)
                            .await?;
                        Ok(true)
                    })
                    .map_err(db_error("saving notification settings"))
                }
            }
        };
    };
}
