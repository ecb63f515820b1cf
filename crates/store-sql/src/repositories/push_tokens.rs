//! `PushTokenRepository`. A registration locks its session row first (`FOR UPDATE` on
//! PostgreSQL), so it and a revocation of that session happen one after the other: a token
//! registered first is deleted by the revocation, and a session revoked first gets no token.
//! Registrations of one token then take turns on the token (an advisory lock on PostgreSQL),
//! so the second one deletes the row the first stored instead of colliding with it. On SQLite
//! the writer transaction does both. Every path that ends a session deletes its tokens itself
//! (see the session and account repositories).

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::auth::SessionId;
use account_domain::push::{PushToken, PushTokenRepository};
use account_domain::values::FcmToken;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::rows::{NewPushTokenRow, PushTokenRow};
use crate::schema::{push_tokens, sessions};
use crate::serialize_on_key;
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql};

/// Stores FCM tokens, one per session.
#[derive(Clone)]
pub struct SqlPushTokenRepository {
    db: Database,
}

impl SqlPushTokenRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl PushTokenRepository for SqlPushTokenRepository {
    /// A session revoked before the registration got its lock stores nothing (its tokens are
    /// gone with it); the token is returned all the same, as the port has no error for a
    /// session that ended while the request ran.
    async fn register(
        &self,
        account: AccountId,
        session: SessionId,
        token: &FcmToken,
        now: DateTime<Utc>,
    ) -> Result<PushToken, UnexpectedError> {
        let stored = token.clone();
        self.db
            .write("registering a push token", move |conn| {
                Box::pin(async move {
                    if !lock_live_session(conn, account, session).await? {
                        return Ok(());
                    }
                    serialize_on_key(conn, &format!("push_tokens:{}", stored.as_str())).await?;
                    let held = push_tokens::table.filter(
                        push_tokens::token
                            .eq(stored.as_str())
                            .or(push_tokens::session_id.eq(session.0)),
                    );
                    db_run!(conn => {
                        diesel::delete(held).execute(conn).await
                    })?;
                    let new_row = NewPushTokenRow::new(account, session, &stored, now);
                    db_run!(conn => {
                        keyed_by_sql(diesel::insert_into(push_tokens::table).values(&new_row))
                            .execute(conn)
                            .await
                    })?;
                    Ok(())
                })
            })
            .await?;
        Ok(PushToken {
            account_id: account,
            session_id: session,
            token: token.clone(),
            registered_at: now,
        })
    }

    async fn remove_for_session(&self, session: SessionId) -> Result<u64, UnexpectedError> {
        let deleted = self
            .db
            .write("removing the push token of a session", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        diesel::delete(
                            push_tokens::table.filter(push_tokens::session_id.eq(session.0)),
                        )
                        .execute(conn)
                        .await
                    })?)
                })
            })
            .await?;
        deleted_count(deleted)
    }

    async fn remove_token(&self, token: &FcmToken) -> Result<u64, UnexpectedError> {
        let token = token.as_str().to_owned();
        let deleted = self
            .db
            .write("removing a push token", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        diesel::delete(push_tokens::table.filter(push_tokens::token.eq(&token)))
                            .execute(conn)
                            .await
                    })?)
                })
            })
            .await?;
        deleted_count(deleted)
    }

    async fn list_for_account(
        &self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Vec<PushToken>, UnexpectedError> {
        let rows = self
            .db
            .read("listing the push tokens of an account", move |conn| {
                Box::pin(async move { Ok(active_tokens(conn, account, now).await?) })
            })
            .await?;
        rows.into_iter().map(PushTokenRow::into_domain).collect()
    }
}

/// The tokens of the account's sessions active at `now`, newest first.
pub(super) async fn active_tokens(
    conn: &mut Conn<'_>,
    account: AccountId,
    now: DateTime<Utc>,
) -> QueryResult<Vec<PushTokenRow>> {
    let at = StoredTime(now);
    db_run!(conn => {
        push_tokens::table
            .inner_join(sessions::table)
            .filter(push_tokens::account_id.eq(account.0))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::expires_at.gt(at))
            .order((push_tokens::created_at.desc(), push_tokens::id.desc()))
            .select(PushTokenRow::as_select())
            .load(conn)
            .await
    })
}

/// True when `session` is an unrevoked session of `account`; on PostgreSQL its row is then
/// locked until the transaction ends.
async fn lock_live_session(
    conn: &mut Conn<'_>,
    account: AccountId,
    session: SessionId,
) -> QueryResult<bool> {
    let live = sessions::table
        .find(session.0)
        .filter(sessions::account_id.eq(account.0))
        .filter(sessions::revoked_at.is_null());
    let locked: Option<i64> = db_run!(conn =>
        postgres: live
            .select(sessions::id)
            .for_update()
            .get_result(conn)
            .await
            .optional(),
        sqlite: live.select(sessions::id).get_result(conn).await.optional(),
    )?;
    Ok(locked.is_some())
}

/// A count of deleted rows as the port reports it.
fn deleted_count(deleted: usize) -> Result<u64, UnexpectedError> {
    u64::try_from(deleted)
        .map_err(|err| UnexpectedError::with_source("counting deleted push tokens", err))
}
