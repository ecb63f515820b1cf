//! One statement that writes a batch of counters, each only if it still holds what was read.

use std::collections::HashSet;

use account_domain::UnexpectedError;
use account_domain::throttle::CounterState;
use diesel::QueryResult;
use diesel::sql_types::{Array, Bool, Integer, Nullable, Text};
use diesel_async::RunQueryDsl;

use crate::rows::{ThrottleCounterRow, count_to_store};
use crate::time::{StoredTime, UtcTimestamp};
use crate::{Conn, keyed_by_sql};

/// Each planned row replaces its counter where the counter still holds what was read (the
/// same window, count and block), or is inserted where there was none and still is none.
/// Under PostgreSQL's read committed, a row changed by a concurrent commit is checked again
/// as it is then, so a lost race writes nothing. Returns the keys written.
///
/// The statement never waits for another transaction, so that it cannot close a circle of
/// waits with the locked path (which locks in key order and waits): a row locked elsewhere is
/// skipped, and a missing row is inserted only under its advisory lock, taken without waiting
/// (the locked path takes the same locks before it inserts). What is skipped counts as a lost
/// race. A counter's advisory lock is the two-key lock (20251130, hash of its key): two-key
/// advisory locks never meet the store's one-key ones.
///
/// The statement's own transaction commits without waiting for its WAL to reach the disk
/// (`synchronous_commit` off for this transaction only): a crash of PostgreSQL, not a clean
/// stop, can lose the counts of the last fraction of a second, and each log-in saves two
/// flushes. Accounts, sessions and tokens are never written this way.
const WRITE_UNLESS_CHANGED: &str = "\
WITH planned AS (
    SELECT p.* FROM unnest($1::text[], $2::bool[], $3::timestamptz[], $4::int4[],
                           $5::timestamptz[], $6::timestamptz[], $7::int4[], $8::timestamptz[])
        AS p(key, was_stored, read_window, read_count, read_blocked,
             window_started_at, count, blocked_until),
        (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
), free AS (
    SELECT t.key FROM throttle_counters AS t
    WHERE t.key IN (SELECT key FROM planned WHERE was_stored)
    FOR UPDATE OF t SKIP LOCKED
), replaced AS (
    UPDATE throttle_counters AS t
    SET window_started_at = p.window_started_at, count = p.count,
        blocked_until = p.blocked_until
    FROM planned AS p JOIN free AS f ON f.key = p.key
    WHERE t.key = p.key AND t.window_started_at = p.read_window
      AND t.count = p.read_count AND t.blocked_until IS NOT DISTINCT FROM p.read_blocked
    RETURNING t.key
), inserted AS (
    INSERT INTO throttle_counters (key, window_started_at, count, blocked_until)
    SELECT key, window_started_at, count, blocked_until FROM planned
    WHERE NOT was_stored AND pg_try_advisory_xact_lock(20251130, hashtext(key))
    ON CONFLICT (key) DO NOTHING
    RETURNING key
)
SELECT key FROM replaced UNION ALL SELECT key FROM inserted";

/// Takes the advisory locks of `names`' insertions, waiting, in the order of their hashes (so
/// that two transactions never wait for each other's): the locked path's first statement.
pub(super) const LOCK_INSERTIONS: &str = "\
SELECT pg_advisory_xact_lock(20251130, hash)
FROM (SELECT DISTINCT hashtext(key) AS hash FROM unnest($1::text[]) AS key ORDER BY hash) AS sorted";

/// The rows to write, column by column, with what each change read.
pub(super) struct Batch {
    keys: Vec<String>,
    was_stored: Vec<bool>,
    read_windows: Vec<Option<StoredTime>>,
    read_counts: Vec<Option<i32>>,
    read_blocks: Vec<Option<StoredTime>>,
    windows: Vec<StoredTime>,
    counts: Vec<i32>,
    blocks: Vec<Option<StoredTime>>,
}

#[derive(diesel::QueryableByName)]
struct WrittenKey {
    #[diesel(sql_type = Text)]
    key: String,
}

impl Batch {
    /// `rows`: each counter as its change read it (`None`: there was none) and as planned.
    pub(super) fn new(
        rows: impl Iterator<Item = (Option<CounterState>, ThrottleCounterRow)>,
    ) -> Result<Self, UnexpectedError> {
        let mut batch = Self {
            keys: Vec::new(),
            was_stored: Vec::new(),
            read_windows: Vec::new(),
            read_counts: Vec::new(),
            read_blocks: Vec::new(),
            windows: Vec::new(),
            counts: Vec::new(),
            blocks: Vec::new(),
        };
        for (read, planned) in rows {
            batch.keys.push(planned.key);
            batch.was_stored.push(read.is_some());
            batch
                .read_windows
                .push(read.map(|state| StoredTime(state.window_started_at)));
            batch.read_counts.push(
                read.map(|state| count_to_store(state.count, "throttle count"))
                    .transpose()?,
            );
            batch
                .read_blocks
                .push(read.and_then(|state| state.blocked_until.map(StoredTime)));
            batch.windows.push(planned.window_started_at);
            batch.counts.push(planned.count);
            batch.blocks.push(planned.blocked_until);
        }
        Ok(batch)
    }

    /// Runs the statement on PostgreSQL; elsewhere writes nothing, which leaves every row to
    /// the locked path.
    pub(super) async fn write(self, conn: &mut Conn<'_>) -> QueryResult<HashSet<String>> {
        let Conn::Postgres(conn) = conn else {
            return Ok(HashSet::new());
        };
        let written: Vec<WrittenKey> = keyed_by_sql(
            diesel::sql_query(WRITE_UNLESS_CHANGED)
                .bind::<Array<Text>, _>(self.keys)
                .bind::<Array<Bool>, _>(self.was_stored)
                .bind::<Array<Nullable<UtcTimestamp>>, _>(self.read_windows)
                .bind::<Array<Nullable<Integer>>, _>(self.read_counts)
                .bind::<Array<Nullable<UtcTimestamp>>, _>(self.read_blocks)
                .bind::<Array<UtcTimestamp>, _>(self.windows)
                .bind::<Array<Integer>, _>(self.counts)
                .bind::<Array<Nullable<UtcTimestamp>>, _>(self.blocks),
        )
        .load(&mut **conn)
        .await?;
        Ok(written.into_iter().map(|row| row.key).collect())
    }
}
