/// `StoreHealth`: the store answers a trivial query.
#[doc(hidden)]
#[macro_export]
macro_rules! __store_health {
    ($store:ty, $name:ident) => {
        $crate::__adapter_struct!(
            $store,
            $name,
            "Answers whether the database serves queries."
        );

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::store::StoreHealth;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;

            #[$crate::__private::async_trait::async_trait]
            impl StoreHealth for $name {
                async fn ping(&self) -> Result<(), UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    $crate::__private::diesel::sql_query("SELECT 1")
                        .execute(&mut *conn)
                        .await
                        .map(|_| ())
                        .map_err($crate::errors::db_error("pinging the database"))
                }
            }
        };
    };
}
