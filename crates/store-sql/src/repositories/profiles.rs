/// `AccountProfileRepository`, implemented on the accounts adapter: one `UPDATE ... RETURNING`
/// guarded by `deleted_at IS NULL`, so an account deleted meanwhile is left as it is.
#[doc(hidden)]
#[macro_export]
macro_rules! __account_profile_repository {
    ($name:ident) => {
        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::accounts::{
                Account, AccountId, AccountProfileRepository, ProfilePatch,
            };
            use $crate::__private::chrono::{DateTime, Utc};
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::db_error;
            use $crate::rows::{AccountRow, ProfileChangeset};
            use $crate::schema::accounts;

            #[$crate::__private::async_trait::async_trait]
            impl AccountProfileRepository for $name {
                async fn update_profile(
                    &self,
                    id: AccountId,
                    patch: &ProfilePatch,
                    now: DateTime<Utc>,
                ) -> Result<Option<Account>, UnexpectedError> {
                    let mut conn = self.store.writer().await?;
                    $crate::__private::diesel::update(
                        accounts::table
                            .find(id.0)
                            .filter(accounts::deleted_at.is_null()),
                    )
                    .set(ProfileChangeset::from_domain(patch, now))
                    .returning(AccountRow::as_returning())
                    .get_result(&mut *conn)
                    .await
                    .optional()
                    .map_err(db_error("updating an account profile"))?
                    .map(AccountRow::into_domain)
                    .transpose()
                }
            }
        };
    };
}
