//! `BrowserSessionRepository`: a session row like any other, plus the digest of its cookie's
//! secret, written in one transaction and read back with the session and its account in one
//! query.

use account_domain::UnexpectedError;
use account_domain::accounts::Account;
use account_domain::auth::{NewSession, Session};
use account_domain::sign_in::BrowserSessionRepository;
use async_trait::async_trait;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::sessions::insert_session;
use crate::rows::{AccountRow, NewSessionRow, SessionRow};
use crate::schema::{accounts, browser_sessions, sessions};
use crate::{Database, db_run};

/// Stores browser sessions.
#[derive(Clone)]
pub struct SqlBrowserSessionRepository {
    db: Database,
}

impl SqlBrowserSessionRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl BrowserSessionRepository for SqlBrowserSessionRepository {
    async fn create(
        &self,
        session: &NewSession,
        cookie_digest: &str,
    ) -> Result<Session, UnexpectedError> {
        let session = NewSessionRow::from_domain(session);
        let digest = cookie_digest.to_owned();
        self.db
            .write("creating a browser session", move |conn| {
                Box::pin(async move {
                    let row = insert_session(conn, &session).await?;
                    db_run!(conn => {
                        diesel::insert_into(browser_sessions::table)
                            .values((
                                browser_sessions::session_id.eq(row.id),
                                browser_sessions::cookie_digest.eq(&digest),
                            ))
                            .execute(conn)
                            .await
                    })?;
                    Ok(row.into_domain())
                })
            })
            .await
    }

    async fn find_with_account(
        &self,
        cookie_digest: &str,
    ) -> Result<Option<(Session, Account)>, UnexpectedError> {
        let digest = cookie_digest.to_owned();
        self.db
            .read("finding a browser session with its account", move |conn| {
                Box::pin(async move {
                    let row: Option<(SessionRow, AccountRow)> = db_run!(conn => {
                        browser_sessions::table
                            .inner_join(sessions::table.inner_join(accounts::table))
                            .filter(browser_sessions::cookie_digest.eq(&digest))
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
}
