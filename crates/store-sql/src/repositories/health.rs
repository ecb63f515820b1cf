//! `StoreHealth`: the store answers a trivial query.

use account_domain::UnexpectedError;
use account_domain::store::{ConnectionUse, StoreHealth};
use async_trait::async_trait;
use diesel_async::RunQueryDsl;

use crate::{Database, db_run, keyed_by_sql};

/// Answers whether the database serves queries.
#[derive(Clone)]
pub struct SqlStoreHealth {
    db: Database,
}

impl SqlStoreHealth {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl StoreHealth for SqlStoreHealth {
    async fn ping(&self) -> Result<(), UnexpectedError> {
        self.db
            .read("pinging the database", move |conn| {
                Box::pin(async move {
                    db_run!(conn => keyed_by_sql(diesel::sql_query("SELECT 1")).execute(conn).await)?;
                    Ok(())
                })
            })
            .await
    }

    fn connections(&self) -> ConnectionUse {
        self.db.connections()
    }
}
