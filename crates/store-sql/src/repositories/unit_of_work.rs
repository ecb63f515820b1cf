//! `UnitOfWork` and `StoreTransaction`: the domain's units of work run in one transaction of
//! the [`Database`], each operation one plain statement or two.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::auth::SessionEnding;
use account_domain::policies::{ConsentChange, ConsentOrigin, Policy};
use account_domain::store::{StoreTransaction, TransactionWork, UnitOfWork};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::QueryResult;
use diesel_async::RunQueryDsl;

use super::policies::{lock_policy, record_consent, save_policy};
use super::session_end::{delete_push_tokens, revoke_sessions};
use crate::errors::{TxError, db_error};
use crate::rows::PolicyRow;
use crate::schema::{accounts, child_users, devices};
use crate::time::StoredTime;
use crate::{Conn, Database, db_run};

/// Runs the domain's units of work, each in one write transaction.
#[derive(Clone)]
pub struct SqlUnitOfWork {
    db: Database,
}

impl SqlUnitOfWork {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl UnitOfWork for SqlUnitOfWork {
    async fn run(&self, work: TransactionWork) -> Result<(), UnexpectedError> {
        self.db
            .write("running a unit of work", move |conn| {
                Box::pin(async move {
                    work(&mut SqlTransaction::new(conn))
                        .await
                        .map_err(TxError::Unexpected)
                })
            })
            .await
    }
}

/// The store operations of one open transaction.
pub struct SqlTransaction<'c, 'k> {
    conn: &'c mut Conn<'k>,
}

impl<'c, 'k> SqlTransaction<'c, 'k> {
    /// The operations on `conn`, which must be inside a transaction.
    pub fn new(conn: &'c mut Conn<'k>) -> Self {
        Self { conn }
    }
}

fn count(doing: &'static str, result: QueryResult<usize>) -> Result<u64, UnexpectedError> {
    let rows = result.map_err(db_error(doing))?;
    u64::try_from(rows).map_err(|err| UnexpectedError::with_source(doing, err))
}

#[async_trait]
impl StoreTransaction for SqlTransaction<'_, '_> {
    async fn mark_account_deleted(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError> {
        let at = StoredTime(now);
        let conn = &mut *self.conn;
        let deleted = db_run!(conn => {
            diesel::update(
                accounts::table
                    .find(account.0)
                    .filter(accounts::deleted_at.is_null()),
            )
            .set((
                accounts::deleted_at.eq(at),
                accounts::tokens_valid_after.eq(at),
                accounts::updated_at.eq(at),
            ))
            .execute(conn)
            .await
        });
        Ok(count("marking an account deleted", deleted)? > 0)
    }

    async fn revoke_sessions(
        &mut self,
        account: AccountId,
        ending: SessionEnding,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError> {
        let revoked = revoke_sessions(self.conn, account, ending, now).await;
        count("revoking sessions", revoked)
    }

    async fn delete_push_tokens(
        &mut self,
        account: AccountId,
        ending: SessionEnding,
    ) -> Result<u64, UnexpectedError> {
        let deleted = delete_push_tokens(self.conn, account, ending).await;
        count("deleting the push tokens of sessions", deleted)
    }

    async fn lock_policy(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Option<Policy>, UnexpectedError> {
        let row = lock_policy(self.conn, account, now)
            .await
            .map_err(db_error("locking a policy"))?;
        Ok(row.map(PolicyRow::into_domain))
    }

    async fn save_policy(
        &mut self,
        policy: &Policy,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        save_policy(self.conn, policy, now)
            .await
            .map_err(db_error("storing a policy"))
    }

    async fn record_consent(
        &mut self,
        account: AccountId,
        change: ConsentChange,
        origin: &ConsentOrigin,
    ) -> Result<(), UnexpectedError> {
        record_consent(self.conn, account, &change, origin)
            .await
            .map_err(db_error("recording a consent change"))
    }

    async fn release_devices_of_children(
        &mut self,
        root_user: AccountId,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError> {
        let at = StoredTime(now);
        let conn = &mut *self.conn;
        let released = db_run!(conn => {
            let children = child_users::table
                .filter(child_users::root_user_id.eq(root_user.0))
                .select(child_users::id.nullable());
            diesel::update(devices::table.filter(devices::real_user_id.eq_any(children)))
                .set((devices::real_user_id.eq(None::<i64>), devices::updated_at.eq(at)))
                .execute(conn)
                .await
        });
        count("releasing the devices of child users", released)
    }

    async fn delete_children(
        &mut self,
        root_user: AccountId,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError> {
        let at = StoredTime(now);
        let conn = &mut *self.conn;
        let deleted = db_run!(conn => {
            diesel::update(
                child_users::table
                    .filter(child_users::root_user_id.eq(root_user.0))
                    .filter(child_users::deleted_at.is_null()),
            )
            .set((child_users::deleted_at.eq(Some(at)), child_users::updated_at.eq(at)))
            .execute(conn)
            .await
        });
        count("deleting child users", deleted)
    }
}
