use diesel::result::QueryResult;
use diesel::sql_types::Text;
use diesel_async::RunQueryDsl;

use super::{Conn, keyed_by_sql};
use crate::db_run;

/// Serialises the transactions that pass the same `key` until they end, also when no row
/// exists yet to lock: an advisory lock on PostgreSQL. On SQLite every write transaction
/// holds the database's single write lock already.
pub async fn serialize_on_key(conn: &mut Conn<'_>, key: &str) -> QueryResult<()> {
    db_run!(conn =>
        postgres: keyed_by_sql(
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind::<Text, _>(key),
        )
        .execute(conn)
            .await
            .map(|_| ()),
        sqlite: {
            let _ = conn;
            Ok(())
        },
    )
}
