//! Hits written to the counters as they are: on PostgreSQL one statement that inserts each
//! counter or applies the hit to the row it finds, locked; on SQLite, with one writer, read
//! and written in the writer's transaction.

use account_domain::UnexpectedError;
use account_domain::throttle::{CounterState, Hit, PlannedChange};
use chrono::{DateTime, Utc};
use diesel::sql_types::{Array, BigInt, Integer, Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::{read_rows, repeats_a_key, stored_state, upsert};
use crate::errors::TxError;
use crate::rows::{ThrottleCounterRow, count_to_store};
use crate::time::{StoredTime, UtcTimestamp};
use crate::{Conn, keyed_by_sql};

/// [`Hit::applied_to`] on the stored rows, [`Hit::applied_to_nothing`] (worked out by the
/// domain, bound as `fresh_*`) where there is none: the count restarts at one when the window
/// started at or before `restarts_windows_started_by`, and reaching `hit_limit` blocks until the
/// later of the block in force and `lockout_ends`, with a new window and nothing counted.
///
/// `INSERT ... ON CONFLICT DO UPDATE` locks each existing row before it updates it, in the
/// byte order of the keys (`COLLATE "C"`, whatever the database's collation), the order in
/// which a settlement locks them, so that the two never wait for each other in a circle; a
/// row that a concurrent commit changed is updated as that commit left it, and a row that a
/// concurrent transaction inserts meanwhile is updated once that one commits. Committed without
/// waiting for the WAL to reach the disk (`synchronous_commit` off for this statement's
/// transaction only): a crash of PostgreSQL, not a clean stop, can lose the counts of the last
/// fraction of a second, and no log-in waits for a flush to count. Accounts, sessions and
/// tokens are never written this way.
const HIT: &str = "\
WITH hits AS (
    SELECT h.* FROM unnest($1::text[], $2::int8[], $3::timestamptz[], $4::timestamptz[],
                           $5::timestamptz[], $6::int4[], $7::timestamptz[])
        AS h(key, hit_limit, restarts_windows_started_by, lockout_ends,
             fresh_window, fresh_count, fresh_blocked),
        (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
)
INSERT INTO throttle_counters AS t (key, window_started_at, count, blocked_until)
SELECT key, fresh_window, fresh_count, fresh_blocked FROM hits ORDER BY key COLLATE \"C\"
ON CONFLICT (key) DO UPDATE SET (window_started_at, count, blocked_until) = (
    SELECT CASE WHEN n.count < h.hit_limit THEN n.window_started_at ELSE $8 END,
           CASE WHEN n.count < h.hit_limit THEN n.count ELSE 0 END,
           CASE WHEN n.count < h.hit_limit THEN t.blocked_until
                ELSE GREATEST(t.blocked_until, h.lockout_ends) END
    FROM hits AS h,
         LATERAL (SELECT CASE WHEN t.window_started_at <= h.restarts_windows_started_by THEN $8
                              ELSE t.window_started_at END AS window_started_at,
                         CASE WHEN t.window_started_at <= h.restarts_windows_started_by THEN 1
                              ELSE t.count::int8 + 1 END AS count) AS n
    WHERE h.key = excluded.key)
RETURNING t.key, t.window_started_at, t.count, t.blocked_until";

/// The hits, column by column.
struct Columns {
    keys: Vec<String>,
    limits: Vec<i64>,
    restarts_windows_started_by: Vec<StoredTime>,
    lockout_ends: Vec<StoredTime>,
    fresh_windows: Vec<StoredTime>,
    fresh_counts: Vec<i32>,
    fresh_blocks: Vec<Option<StoredTime>>,
}

impl Columns {
    fn new(changes: &[PlannedChange], now: DateTime<Utc>) -> Result<Self, UnexpectedError> {
        let mut columns = Self {
            keys: Vec::with_capacity(changes.len()),
            limits: Vec::with_capacity(changes.len()),
            restarts_windows_started_by: Vec::with_capacity(changes.len()),
            lockout_ends: Vec::with_capacity(changes.len()),
            fresh_windows: Vec::with_capacity(changes.len()),
            fresh_counts: Vec::with_capacity(changes.len()),
            fresh_blocks: Vec::with_capacity(changes.len()),
        };
        for change in changes {
            let hit: Hit = change.change.at(now)?;
            let fresh = hit.applied_to_nothing();
            columns.keys.push(change.key.as_str().to_owned());
            columns.limits.push(i64::from(hit.limit));
            columns
                .restarts_windows_started_by
                .push(StoredTime(hit.restarts_windows_started_by));
            columns.lockout_ends.push(StoredTime(hit.lockout_ends));
            columns
                .fresh_windows
                .push(StoredTime(fresh.window_started_at));
            columns
                .fresh_counts
                .push(count_to_store(fresh.count, "throttle count")?);
            columns
                .fresh_blocks
                .push(fresh.blocked_until.map(StoredTime));
        }
        Ok(columns)
    }
}

/// Applies `changes` to the counters as stored and returns the states they left, in order: on
/// PostgreSQL in one statement, or one statement per change, one after another, when a key
/// repeats (one statement can update a row only once; the domain never repeats a key); on
/// SQLite read and written in the caller's transaction.
pub(super) async fn apply(
    conn: &mut Conn<'_>,
    changes: &[PlannedChange],
    now: DateTime<Utc>,
) -> Result<Vec<CounterState>, TxError> {
    let Conn::Postgres(conn) = conn else {
        return apply_as_read(conn, changes, now).await;
    };
    if repeats_a_key(changes.iter().map(|change| change.key.as_str())) {
        let mut states = Vec::with_capacity(changes.len());
        for change in changes {
            states.extend(hit_on_postgres(conn, std::slice::from_ref(change), now).await?);
        }
        return Ok(states);
    }
    hit_on_postgres(conn, changes, now).await
}

/// The states `changes` left, in their order.
async fn hit_on_postgres(
    conn: &mut AsyncPgConnection,
    changes: &[PlannedChange],
    now: DateTime<Utc>,
) -> Result<Vec<CounterState>, TxError> {
    let columns = Columns::new(changes, now)?;
    let rows: Vec<ThrottleCounterRow> = keyed_by_sql(
        diesel::sql_query(HIT)
            .bind::<Array<Text>, _>(columns.keys)
            .bind::<Array<BigInt>, _>(columns.limits)
            .bind::<Array<UtcTimestamp>, _>(columns.restarts_windows_started_by)
            .bind::<Array<UtcTimestamp>, _>(columns.lockout_ends)
            .bind::<Array<UtcTimestamp>, _>(columns.fresh_windows)
            .bind::<Array<Integer>, _>(columns.fresh_counts)
            .bind::<Array<Nullable<UtcTimestamp>>, _>(columns.fresh_blocks)
            .bind::<UtcTimestamp, _>(StoredTime(now)),
    )
    .load(conn)
    .await?;
    let mut states = Vec::with_capacity(changes.len());
    for change in changes {
        let state = stored_state(&rows, &change.key)?.ok_or_else(|| {
            UnexpectedError::new(format!("no counter came back for {}", change.key.scope()))
        })?;
        states.push(state);
    }
    Ok(states)
}

/// Each change applied in order to the row as read, within the caller's transaction.
async fn apply_as_read(
    conn: &mut Conn<'_>,
    changes: &[PlannedChange],
    now: DateTime<Utc>,
) -> Result<Vec<CounterState>, TxError> {
    let mut states = Vec::with_capacity(changes.len());
    for change in changes {
        let names = [change.key.as_str().to_owned()];
        let stored = stored_state(&read_rows(conn, &names).await?, &change.key)?;
        let (after, needs_writing) = change.outcome(stored, now)?;
        if needs_writing {
            upsert(conn, &ThrottleCounterRow::new(&change.key, after)?).await?;
        }
        states.push(after);
    }
    Ok(states)
}
