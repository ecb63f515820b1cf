//! `SessionRepository`, and the statements of the domain's refresh-token rotation
//! (`auth::rotate_refresh_token`, run through `SqlUnitOfWork`): the presented token is read
//! with its session, both locked on PostgreSQL until the transaction ends, so concurrent
//! presentations of one token, or of a token and its successor, are decided one after the
//! other.

use account_domain::UnexpectedError;
use account_domain::accounts::{Account, AccountId};
use account_domain::auth::{NewRefreshToken, NewSession, Session, SessionId, SessionRepository};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::purge;
use crate::rows::{AccountRow, NewRefreshTokenRow, NewSessionRow, RefreshTokenRow, SessionRow};
use crate::schema::{accounts, refresh_tokens, sessions};
use crate::time::{StoredTime, UtcTimestamp};
use crate::{Conn, Database, SqliteConnection, db_run, keyed_by_sql};

/// Stores sessions and their refresh tokens.
#[derive(Clone)]
pub struct SqlSessionRepository {
    pub(super) db: Database,
}

impl SqlSessionRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl SessionRepository for SqlSessionRepository {
    async fn create(
        &self,
        session: &NewSession,
        token: &NewRefreshToken,
    ) -> Result<Session, UnexpectedError> {
        let session = NewSessionRow::from_domain(session);
        let token = token.clone();
        self.db
            .write_statement("creating a session", move |conn| {
                Box::pin(async move {
                    let row = db_run!(conn =>
                        postgres: insert_with_token(conn, &session, &token).await,
                        sqlite: insert_then_token(conn, &session, &token).await,
                    )?;
                    Ok(row.into_domain())
                })
            })
            .await
    }

    async fn find(&self, session: SessionId) -> Result<Option<Session>, UnexpectedError> {
        self.db
            .read("finding a session", move |conn| {
                Box::pin(async move {
                    let row: Option<SessionRow> = db_run!(conn => {
                        sessions::table
                            .find(session.0)
                            .select(SessionRow::as_select())
                            .first(conn)
                            .await
                            .optional()
                    })?;
                    Ok(row.map(SessionRow::into_domain))
                })
            })
            .await
    }

    async fn find_with_account(
        &self,
        session: SessionId,
    ) -> Result<Option<(Session, Account)>, UnexpectedError> {
        self.db
            .read("finding a session with its account", move |conn| {
                Box::pin(async move {
                    let row: Option<(SessionRow, AccountRow)> = db_run!(conn => {
                        sessions::table
                            .inner_join(accounts::table)
                            .filter(sessions::id.eq(session.0))
                            .select((SessionRow::as_select(), AccountRow::as_select()))
                            .first(conn)
                            .await
                            .optional()
                    })?;
                    let Some((session, account)) = row else {
                        return Ok(None);
                    };
                    Ok(Some((session.into_domain(), account.into_domain()?)))
                })
            })
            .await
    }

    async fn list_active(
        &self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, UnexpectedError> {
        let at = StoredTime(now);
        self.db
            .read("listing active sessions", move |conn| {
                Box::pin(async move {
                    let rows: Vec<SessionRow> = db_run!(conn => {
                        sessions::table
                            .filter(sessions::account_id.eq(account.0))
                            .filter(sessions::revoked_at.is_null())
                            .filter(sessions::expires_at.gt(at))
                            .order((sessions::created_at.desc(), sessions::id.desc()))
                            .select(SessionRow::as_select())
                            .load(conn)
                            .await
                    })?;
                    Ok(rows.into_iter().map(SessionRow::into_domain).collect())
                })
            })
            .await
    }

    async fn purge_ended(&self, before: DateTime<Utc>, limit: u32) -> Result<u64, UnexpectedError> {
        let deleted = self
            .db
            .write("purging ended sessions", move |conn| {
                Box::pin(async move {
                    Ok(purge::ended_sessions(conn, StoredTime(before), limit).await?)
                })
            })
            .await?;
        Ok(purge::deleted(deleted))
    }

    async fn purge_expired_refresh_tokens(
        &self,
        before: DateTime<Utc>,
        limit: u32,
    ) -> Result<u64, UnexpectedError> {
        let deleted = self
            .db
            .write("purging expired refresh tokens", move |conn| {
                Box::pin(async move {
                    Ok(purge::expired_refresh_tokens(conn, StoredTime(before), limit).await?)
                })
            })
            .await?;
        Ok(purge::deleted(deleted))
    }
}

/// Inserts a session and returns it as stored.
pub(super) async fn insert_session(
    conn: &mut Conn<'_>,
    session: &NewSessionRow,
) -> QueryResult<SessionRow> {
    db_run!(conn => {
        keyed_by_sql(
            diesel::insert_into(sessions::table)
                .values(session)
                .returning(SessionRow::as_returning()),
        )
        .get_result(conn)
        .await
    })
}

/// The token with this digest and its session, locked on PostgreSQL.
pub(super) async fn find_presented(
    conn: &mut Conn<'_>,
    digest: &str,
) -> QueryResult<Option<(RefreshTokenRow, SessionRow)>> {
    let found = refresh_tokens::table
        .inner_join(sessions::table)
        .filter(refresh_tokens::token_digest.eq(digest));
    db_run!(conn =>
        postgres: found
            .select((RefreshTokenRow::as_select(), SessionRow::as_select()))
            .for_update()
            .get_result(conn)
            .await
            .optional(),
        sqlite: found
            .select((RefreshTokenRow::as_select(), SessionRow::as_select()))
            .get_result(conn)
            .await
            .optional(),
    )
}

/// Whether the token's successor exists and has not been rotated itself.
pub(super) async fn successor_unused(
    conn: &mut Conn<'_>,
    successor: Option<i64>,
) -> QueryResult<bool> {
    let Some(successor) = successor else {
        return Ok(false);
    };
    db_run!(conn => {
        refresh_tokens::table
            .find(successor)
            .select(refresh_tokens::rotated_at.is_null())
            .get_result(conn)
            .await
    })
}

/// Marks `token` rotated at `now`, stores its successor, and touches the session.
pub(super) async fn spend(
    conn: &mut Conn<'_>,
    token: i64,
    session: i64,
    successor: &NewRefreshToken,
    now: DateTime<Utc>,
) -> QueryResult<SessionRow> {
    let at = StoredTime(now);
    let successor = NewRefreshTokenRow::new(session, successor, now);
    let successor_id: i64 = db_run!(conn => {
        keyed_by_sql(
            diesel::insert_into(refresh_tokens::table)
                .values(&successor)
                .returning(refresh_tokens::id),
        )
        .get_result(conn)
        .await
    })?;
    db_run!(conn => {
        keyed_by_sql(diesel::update(refresh_tokens::table.find(token)).set((
            refresh_tokens::rotated_at.eq(at),
            refresh_tokens::successor_id.eq(successor_id),
        )))
        .execute(conn)
        .await
    })?;
    db_run!(conn => {
        keyed_by_sql(
            diesel::update(sessions::table.find(session))
                .set(sessions::last_used_at.eq(at))
                .returning(SessionRow::as_returning()),
        )
        .get_result(conn)
        .await
    })
}

/// The session and its first refresh token in one statement (one round trip on PostgreSQL,
/// atomic as any statement).
async fn insert_with_token(
    conn: &mut diesel_async::AsyncPgConnection,
    session: &NewSessionRow,
    token: &NewRefreshToken,
) -> QueryResult<SessionRow> {
    use diesel::sql_types::{BigInt, Nullable, Text};
    keyed_by_sql(
        diesel::sql_query(
            "WITH session AS (\
               INSERT INTO sessions (account_id, user_agent, ip, created_at, last_used_at, expires_at) \
               VALUES ($1, $2, $3, $4, $5, $6) \
               RETURNING id, account_id, user_agent, ip, created_at, last_used_at, expires_at, revoked_at), \
             token AS (\
               INSERT INTO refresh_tokens (session_id, token_digest, created_at, expires_at) \
               SELECT id, $7, $4, $8 FROM session) \
             SELECT * FROM session",
        )
        .bind::<BigInt, _>(session.account_id)
        .bind::<Nullable<Text>, _>(&session.user_agent)
        .bind::<Nullable<Text>, _>(&session.ip)
        .bind::<UtcTimestamp, _>(session.created_at)
        .bind::<UtcTimestamp, _>(session.last_used_at)
        .bind::<UtcTimestamp, _>(session.expires_at)
        .bind::<Text, _>(&token.token_digest)
        .bind::<UtcTimestamp, _>(StoredTime(token.expires_at)),
    )
    .get_result(conn)
    .await
}

/// The session, then its first refresh token (in the writer's transaction).
async fn insert_then_token(
    conn: &mut SqliteConnection,
    session: &NewSessionRow,
    token: &NewRefreshToken,
) -> QueryResult<SessionRow> {
    let row: SessionRow = keyed_by_sql(
        diesel::insert_into(sessions::table)
            .values(session)
            .returning(SessionRow::as_returning()),
    )
    .get_result(conn)
    .await?;
    let token = NewRefreshTokenRow::new(row.id, token, session.created_at.0);
    keyed_by_sql(diesel::insert_into(refresh_tokens::table).values(&token))
        .execute(conn)
        .await?;
    Ok(row)
}
