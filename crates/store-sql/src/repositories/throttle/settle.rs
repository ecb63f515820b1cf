//! Settlements written without a read: on PostgreSQL one statement that applies each to its
//! row as it is when locked; on SQLite, with one writer, read and written in the writer's
//! transaction.

use account_domain::throttle::Settlement;
use diesel::QueryResult;
use diesel::sql_types::{Array, Bool, Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::{read_rows, repeats_a_key, upsert};
use crate::errors::TxError;
use crate::rows::ThrottleCounterRow;
use crate::time::{StoredTime, UtcTimestamp};
use crate::{Conn, keyed_by_sql};

/// [`Settlement::settled`] on the stored rows: a forgotten counter holds no count and no
/// block; a give-back takes one off a count above zero whose window started after
/// `counted_after`. Only rows that change are locked and written.
///
/// The rows are locked in the byte order of their keys (`COLLATE "C"`, whatever the database's
/// collation) before they are written, the order in which a hit locks them (`super::hit`), so
/// that the two never wait for each other in a circle (the purge never waits). Under read
/// committed a row that a concurrent commit changed is checked and written as that commit left
/// it; a row that did not need the settlement in the statement's snapshot is left alone even if
/// a concurrent commit changed it meanwhile, as if the settlement came first. Committed asynchronously, like every counter write (see `super::hit`).
const SETTLE: &str = "\
WITH settling AS (
    SELECT s.* FROM unnest($1::text[], $2::bool[], $3::timestamptz[])
        AS s(key, forget, counted_after),
        (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
), locked AS (
    SELECT t.key FROM throttle_counters AS t JOIN settling AS s ON s.key = t.key
    WHERE CASE WHEN s.forget THEN t.count <> 0 OR t.blocked_until IS NOT NULL
               ELSE t.window_started_at > s.counted_after AND t.count > 0 END
    ORDER BY t.key COLLATE \"C\"
    FOR UPDATE OF t
)
UPDATE throttle_counters AS t
SET count = CASE WHEN s.forget THEN 0 ELSE t.count - 1 END,
    blocked_until = CASE WHEN s.forget THEN NULL ELSE t.blocked_until END
FROM settling AS s JOIN locked AS l ON l.key = s.key
WHERE t.key = s.key
  AND CASE WHEN s.forget THEN t.count <> 0 OR t.blocked_until IS NOT NULL
           ELSE t.window_started_at > s.counted_after AND t.count > 0 END";

/// The settlements, column by column.
struct Columns {
    keys: Vec<String>,
    forget: Vec<bool>,
    counted_after: Vec<Option<StoredTime>>,
}

impl Columns {
    fn new(settlements: &[Settlement]) -> Self {
        let mut columns = Self {
            keys: Vec::with_capacity(settlements.len()),
            forget: Vec::with_capacity(settlements.len()),
            counted_after: Vec::with_capacity(settlements.len()),
        };
        for settlement in settlements {
            columns.keys.push(settlement.key().as_str().to_owned());
            let (forget, counted_after) = match settlement {
                Settlement::Forget(_) => (true, None),
                Settlement::GiveBack { counted_after, .. } => (false, Some(*counted_after)),
            };
            columns.forget.push(forget);
            columns.counted_after.push(counted_after.map(StoredTime));
        }
        columns
    }
}

/// Writes `settlements`: on PostgreSQL in one statement, or one statement per settlement, one
/// after another, when a key repeats (one statement would write only one of them; the domain
/// never repeats a key); on SQLite read and written in the caller's transaction.
pub(super) async fn settle(conn: &mut Conn<'_>, settlements: &[Settlement]) -> Result<(), TxError> {
    match conn {
        Conn::Postgres(conn) if repeats_a_key(settlements.iter().map(|s| s.key().as_str())) => {
            for settlement in settlements {
                settle_on_postgres(conn, std::slice::from_ref(settlement)).await?;
            }
            Ok(())
        }
        Conn::Postgres(conn) => Ok(settle_on_postgres(conn, settlements).await?),
        Conn::Sqlite(_) => settle_as_read(conn, settlements).await,
    }
}

async fn settle_on_postgres(
    conn: &mut AsyncPgConnection,
    settlements: &[Settlement],
) -> QueryResult<()> {
    let columns = Columns::new(settlements);
    keyed_by_sql(
        diesel::sql_query(SETTLE)
            .bind::<Array<Text>, _>(columns.keys)
            .bind::<Array<Bool>, _>(columns.forget)
            .bind::<Array<Nullable<UtcTimestamp>>, _>(columns.counted_after),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Each settlement applied in order to the row as read, within the caller's transaction.
async fn settle_as_read(conn: &mut Conn<'_>, settlements: &[Settlement]) -> Result<(), TxError> {
    for settlement in settlements {
        let names = [settlement.key().as_str().to_owned()];
        let Some(stored) = read_rows(conn, &names).await?.into_iter().next() else {
            continue;
        };
        if let Some(after) = settlement.settled(stored.state()?) {
            upsert(conn, &ThrottleCounterRow::new(settlement.key(), after)?).await?;
        }
    }
    Ok(())
}
