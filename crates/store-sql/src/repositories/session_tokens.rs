//! `SessionTokenRepository`: header-token sessions on the session rows, found by the keyed
//! digest of their token.

use account_domain::UnexpectedError;
use account_domain::accounts::Account;
use account_domain::auth::{NewSession, Session, SessionId, SessionTokenRepository};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::rows::{AccountRow, NewSessionRow, SessionRow};
use crate::schema::{accounts, sessions};
use crate::time::StoredTime;
use crate::{db_run, keyed_by_sql};

use super::SqlSessionRepository;

#[async_trait]
impl SessionTokenRepository for SqlSessionRepository {
    async fn create(
        &self,
        session: &NewSession,
        token_digest: &str,
    ) -> Result<Session, UnexpectedError> {
        let session = NewSessionRow::from_domain(session);
        let digest = token_digest.to_owned();
        self.db
            .write("creating a header-token session", move |conn| {
                Box::pin(async move {
                    let row: SessionRow = db_run!(conn => {
                        keyed_by_sql(
                            diesel::insert_into(sessions::table)
                                .values((&session, sessions::token_digest.eq(&digest)))
                                .returning(SessionRow::as_returning()),
                        )
                        .get_result(conn)
                        .await
                    })?;
                    Ok(row.into_domain())
                })
            })
            .await
    }

    async fn find_with_account(
        &self,
        token_digest: &str,
    ) -> Result<Option<(Session, Account)>, UnexpectedError> {
        let digest = token_digest.to_owned();
        self.db
            .read("finding a header-token session", move |conn| {
                Box::pin(async move {
                    let row: Option<(SessionRow, AccountRow)> = db_run!(conn => {
                        sessions::table
                            .inner_join(accounts::table)
                            .filter(sessions::token_digest.eq(&digest))
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

    async fn touch(
        &self,
        session: SessionId,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        let (at, until) = (StoredTime(now), StoredTime(expires_at));
        self.db
            .write("touching a header-token session", move |conn| {
                Box::pin(async move {
                    db_run!(conn => {
                        keyed_by_sql(
                            diesel::update(sessions::table.find(session.0))
                                .filter(sessions::revoked_at.is_null())
                                .set((
                                    sessions::last_used_at.eq(at),
                                    sessions::expires_at.eq(until),
                                )),
                        )
                        .execute(conn)
                        .await
                    })?;
                    Ok(())
                })
            })
            .await
    }
}
