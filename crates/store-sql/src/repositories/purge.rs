//! The statements of the purge (`account_domain::purge`), one function per kind of row: each
//! picks up to `limit` rows that ended before `before`, oldest first, then deletes those that
//! still qualify (a row changed meanwhile, such as a counter hit again, stays). Run inside one
//! write transaction by the repositories whose port names them.

use diesel::prelude::*;
use diesel::result::QueryResult;
use diesel_async::RunQueryDsl;

use crate::schema::{outbox, refresh_tokens, sessions, throttle_counters, verification_codes};
use crate::time::StoredTime;
use crate::{Conn, db_run};

/// Outbox messages sent (or dropped, suppressed) before `before`; never a dead one.
pub(super) async fn sent_messages(
    conn: &mut Conn<'_>,
    before: StoredTime,
    limit: u32,
) -> QueryResult<usize> {
    let ids: Vec<i64> = db_run!(conn => {
        outbox::table
            .filter(outbox::sent_at.lt(before))
            .filter(outbox::dead_at.is_null())
            .order(outbox::id.asc())
            .limit(i64::from(limit))
            .select(outbox::id)
            .load(conn)
            .await
    })?;
    if ids.is_empty() {
        return Ok(0);
    }
    db_run!(conn => {
        diesel::delete(
            outbox::table
                .filter(outbox::id.eq_any(&ids))
                .filter(outbox::sent_at.lt(before))
                .filter(outbox::dead_at.is_null()),
        )
        .execute(conn)
        .await
    })
}

/// Verification codes (every purpose) that expired before `before`.
pub(super) async fn expired_codes(
    conn: &mut Conn<'_>,
    before: StoredTime,
    limit: u32,
) -> QueryResult<usize> {
    let ids: Vec<i64> = db_run!(conn => {
        verification_codes::table
            .filter(verification_codes::expires_at.lt(before))
            .order(verification_codes::id.asc())
            .limit(i64::from(limit))
            .select(verification_codes::id)
            .load(conn)
            .await
    })?;
    if ids.is_empty() {
        return Ok(0);
    }
    db_run!(conn => {
        diesel::delete(
            verification_codes::table
                .filter(verification_codes::id.eq_any(&ids))
                .filter(verification_codes::expires_at.lt(before)),
        )
        .execute(conn)
        .await
    })
}

/// Sessions revoked or expired before `before`; their refresh tokens, push tokens and browser
/// cookies go with them (`ON DELETE CASCADE`).
pub(super) async fn ended_sessions(
    conn: &mut Conn<'_>,
    before: StoredTime,
    limit: u32,
) -> QueryResult<usize> {
    let ids: Vec<i64> = db_run!(conn => {
        sessions::table
            .filter(
                sessions::expires_at
                    .lt(before)
                    .or(sessions::revoked_at.lt(before)),
            )
            .order(sessions::id.asc())
            .limit(i64::from(limit))
            .select(sessions::id)
            .load(conn)
            .await
    })?;
    if ids.is_empty() {
        return Ok(0);
    }
    db_run!(conn => {
        diesel::delete(
            sessions::table.filter(sessions::id.eq_any(&ids)).filter(
                sessions::expires_at
                    .lt(before)
                    .or(sessions::revoked_at.lt(before)),
            ),
        )
        .execute(conn)
        .await
    })
}

/// Refresh tokens that expired before `before`, but none that a token left in place names as
/// its successor. A successor is always newer (a higher id) than the token it replaced, so
/// taking the oldest first never leaves a chain's expired head behind its deleted tail.
pub(super) async fn expired_refresh_tokens(
    conn: &mut Conn<'_>,
    before: StoredTime,
    limit: u32,
) -> QueryResult<usize> {
    let candidates: Vec<i64> = db_run!(conn => {
        refresh_tokens::table
            .filter(refresh_tokens::expires_at.lt(before))
            .order(refresh_tokens::id.asc())
            .limit(i64::from(limit))
            .select(refresh_tokens::id)
            .load(conn)
            .await
    })?;
    if candidates.is_empty() {
        return Ok(0);
    }
    let named_by_kept: Vec<Option<i64>> = db_run!(conn => {
        refresh_tokens::table
            .filter(refresh_tokens::successor_id.eq_any(&candidates))
            .filter(refresh_tokens::id.ne_all(&candidates))
            .select(refresh_tokens::successor_id)
            .load(conn)
            .await
    })?;
    let ids: Vec<i64> = candidates
        .into_iter()
        .filter(|id| !named_by_kept.contains(&Some(*id)))
        .collect();
    if ids.is_empty() {
        return Ok(0);
    }
    db_run!(conn => {
        diesel::delete(
            refresh_tokens::table
                .filter(refresh_tokens::id.eq_any(&ids))
                .filter(refresh_tokens::expires_at.lt(before)),
        )
        .execute(conn)
        .await
    })
}

/// Throttle counters whose window started before `before` and whose block, if any, ended
/// before it. On PostgreSQL the purge never waits for a row: it locks the stale rows it can
/// without waiting (`SKIP LOCKED`) and deletes only those, so it cannot close a circle of waits
/// with a hit or a settlement, which lock in the keys' byte order and do wait. A counter being
/// hit meanwhile is left for a later purge.
pub(super) async fn stale_counters(
    conn: &mut Conn<'_>,
    before: StoredTime,
    limit: u32,
) -> QueryResult<usize> {
    let stale = throttle_counters::table
        .filter(throttle_counters::window_started_at.lt(before))
        .filter(
            throttle_counters::blocked_until
                .is_null()
                .or(throttle_counters::blocked_until.lt(before)),
        )
        .order(throttle_counters::key.asc())
        .limit(i64::from(limit))
        .select(throttle_counters::key);
    let keys: Vec<String> = db_run!(conn =>
        postgres: stale.for_update().skip_locked().load(conn).await,
        sqlite: stale.load(conn).await,
    )?;
    if keys.is_empty() {
        return Ok(0);
    }
    db_run!(conn => {
        diesel::delete(
            throttle_counters::table
                .filter(throttle_counters::key.eq_any(&keys))
                .filter(throttle_counters::window_started_at.lt(before))
                .filter(
                    throttle_counters::blocked_until
                        .is_null()
                        .or(throttle_counters::blocked_until.lt(before)),
                ),
        )
        .execute(conn)
        .await
    })
}

/// A count of deleted rows as the ports report it.
pub(super) fn deleted(rows: usize) -> u64 {
    u64::try_from(rows).unwrap_or(u64::MAX)
}
