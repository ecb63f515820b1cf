/// `AccountRoleRepository`, implemented on the accounts adapter: one `UPDATE ... RETURNING`
/// guarded by `deleted_at IS NULL`, so an account deleted meanwhile is left as it is.
#[doc(hidden)]
#[macro_export]
macro_rules! __account_role_repository {
    ($name:ident) => {
        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::accounts::{
                Account, AccountId, AccountRoleRepository,
            };
            use $crate::__private::account_domain::values::Roles;
            use $crate::__private::chrono::{DateTime, Utc};
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::db_error;
            use $crate::rows::AccountRow;
            use $crate::schema::accounts;
            use $crate::time::StoredTime;

            #[$crate::__private::async_trait::async_trait]
            impl AccountRoleRepository for $name {
                async fn set_roles(
                    &self,
                    id: AccountId,
                    roles: &Roles,
                    now: DateTime<Utc>,
                ) -> Result<Option<Account>, UnexpectedError> {
                    let mut conn = self.store.writer().await?;
                    $crate::__private::diesel::update(
                        accounts::table
                            .find(id.0)
                            .filter(accounts::deleted_at.is_null()),
                    )
                    .set((
                        accounts::roles.eq(roles.to_csv()),
                        accounts::updated_at.eq(StoredTime(now)),
                    ))
                    .returning(AccountRow::as_returning())
                    .get_result(&mut *conn)
                    .await
                    .optional()
                    .map_err(db_error("setting the roles of an account"))?
                    .map(AccountRow::into_domain)
                    .transpose()
                }
            }
        };
    };
}
