//! Ending sessions, written once: every path that ends sessions (log-out, revoking one or all,
//! a reused refresh token, withdrawal) goes through [`end_sessions`], which also deletes their
//! push tokens in the same transaction, because a push token lives as long as its session.

use account_domain::accounts::AccountId;
use account_domain::auth::SessionId;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::QueryResult;
use diesel_async::RunQueryDsl;

use crate::schema::{push_tokens, sessions};
use crate::time::StoredTime;
use crate::{Conn, db_run};

/// Which sessions of an account to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// This one session.
    One(SessionId),
    /// Every session but `keep`.
    AllBut(Option<SessionId>),
}

/// Revokes the account's sessions that `ending` names and that are still active at `now`, and
/// deletes the push tokens of every session it names, also of those that had ended already
/// (none is left behind). Returns how many sessions were revoked. Call it inside a transaction.
pub async fn end_sessions(
    conn: &mut Conn<'_>,
    account: AccountId,
    ending: Ending,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let at = StoredTime(now);
    let named: Vec<i64> = match ending {
        Ending::One(session) => vec![session.0],
        Ending::AllBut(keep) => {
            let kept: Vec<i64> = keep.iter().map(|session| session.0).collect();
            db_run!(conn => {
                sessions::table
                    .filter(sessions::account_id.eq(account.0))
                    .filter(sessions::id.ne_all(&kept))
                    .select(sessions::id)
                    .load(conn)
                    .await
            })?
        }
    };
    let revoked = db_run!(conn => {
        diesel::update(sessions::table)
            .filter(sessions::account_id.eq(account.0))
            .filter(sessions::id.eq_any(&named))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::expires_at.gt(at))
            .set(sessions::revoked_at.eq(at))
            .execute(conn)
            .await
    })?;
    if matches!(ending, Ending::One(_)) && revoked == 0 {
        return Ok(0);
    }
    db_run!(conn => {
        diesel::delete(push_tokens::table)
            .filter(push_tokens::session_id.eq_any(&named))
            .execute(conn)
            .await
    })?;
    Ok(revoked)
}
