//! The two statements that end sessions. What ending a session means (revoke, then delete the
//! push tokens) is the domain's `auth::end_sessions`; these only store it.

use account_domain::accounts::AccountId;
use account_domain::auth::SessionEnding;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::QueryResult;
use diesel_async::RunQueryDsl;

use crate::schema::{push_tokens, sessions};
use crate::time::StoredTime;
use crate::{Conn, db_run};

/// The ids of the account's sessions that `ending` names, whatever their state.
async fn named_sessions(
    conn: &mut Conn<'_>,
    account: AccountId,
    ending: SessionEnding,
) -> QueryResult<Vec<i64>> {
    match ending {
        SessionEnding::One(session) => Ok(vec![session.0]),
        SessionEnding::AllBut(keep) => {
            let kept: Vec<i64> = keep.iter().map(|session| session.0).collect();
            db_run!(conn => {
                sessions::table
                    .filter(sessions::account_id.eq(account.0))
                    .filter(sessions::id.ne_all(&kept))
                    .select(sessions::id)
                    .load(conn)
                    .await
            })
        }
    }
}

/// Revokes the named sessions of the account that are active at `now`; returns how many.
pub async fn revoke_sessions(
    conn: &mut Conn<'_>,
    account: AccountId,
    ending: SessionEnding,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let at = StoredTime(now);
    let named = named_sessions(conn, account, ending).await?;
    db_run!(conn => {
        diesel::update(sessions::table)
            .filter(sessions::account_id.eq(account.0))
            .filter(sessions::id.eq_any(&named))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::expires_at.gt(at))
            .set(sessions::revoked_at.eq(at))
            .execute(conn)
            .await
    })
}

/// Deletes the push tokens of the account's named sessions; returns how many.
pub async fn delete_push_tokens(
    conn: &mut Conn<'_>,
    account: AccountId,
    ending: SessionEnding,
) -> QueryResult<usize> {
    let named = named_sessions(conn, account, ending).await?;
    db_run!(conn => {
        diesel::delete(push_tokens::table)
            .filter(push_tokens::account_id.eq(account.0))
            .filter(push_tokens::session_id.eq_any(&named))
            .execute(conn)
            .await
    })
}
