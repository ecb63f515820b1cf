//! `PolicyRepository` (reads), and the statements of the domain's consent change
//! (`policies::change_consents`, run through `SqlUnitOfWork`): the policy row made sure of
//! (`ON CONFLICT DO NOTHING`) and read locked (on PostgreSQL), the policy stored, each change
//! appended to `consent_records` (which is only ever inserted into).

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::policies::{
    ConsentChange, ConsentOrigin, ConsentRecord, Policy, PolicyRepository,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::rows::{ConsentRecordRow, NewConsentRecordRow, PolicyRow};
use crate::schema::{accounts, consent_records, policies};
use crate::{Conn, Database, db_run, keyed_by_sql};

/// Stores consents and their history.
#[derive(Clone)]
pub struct SqlPolicyRepository {
    db: Database,
}

impl SqlPolicyRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl PolicyRepository for SqlPolicyRepository {
    async fn find(&self, account: AccountId) -> Result<Option<Policy>, UnexpectedError> {
        self.db
            .read("finding a policy", move |conn| {
                Box::pin(async move {
                    let row: Option<PolicyRow> = db_run!(conn => {
                        policies::table
                            .find(account.0)
                            .select(PolicyRow::as_select())
                            .first(conn)
                            .await
                            .optional()
                    })?;
                    Ok(row.map(PolicyRow::into_domain))
                })
            })
            .await
    }

    async fn history(&self, account: AccountId) -> Result<Vec<ConsentRecord>, UnexpectedError> {
        let rows = self
            .db
            .read("reading a consent history", move |conn| {
                Box::pin(async move {
                    let rows: Vec<ConsentRecordRow> = db_run!(conn => {
                        consent_records::table
                            .filter(consent_records::account_id.eq(account.0))
                            .order((consent_records::at.asc(), consent_records::id.asc()))
                            .select(ConsentRecordRow::as_select())
                            .load(conn)
                            .await
                    })?;
                    Ok(rows)
                })
            })
            .await?;
        rows.into_iter()
            .map(ConsentRecordRow::into_domain)
            .collect()
    }
}

/// True when a live (not deleted) account has this id.
pub(super) async fn is_live(conn: &mut Conn<'_>, account: AccountId) -> QueryResult<bool> {
    let live: Option<i64> = db_run!(conn => {
        accounts::table
            .find(account.0)
            .filter(accounts::deleted_at.is_null())
            .select(accounts::id)
            .get_result(conn)
            .await
            .optional()
    })?;
    Ok(live.is_some())
}

/// The account's policy row, locked on PostgreSQL until the transaction ends.
async fn find_locked(conn: &mut Conn<'_>, account: AccountId) -> QueryResult<PolicyRow> {
    db_run!(conn =>
        postgres: policies::table
            .find(account.0)
            .select(PolicyRow::as_select())
            .for_update()
            .get_result(conn)
            .await,
        sqlite: policies::table
            .find(account.0)
            .select(PolicyRow::as_select())
            .get_result(conn)
            .await,
    )
}

/// The account's policy, created from the default when it has none, locked on PostgreSQL until
/// the transaction ends; `None` when no live account has this id.
pub(super) async fn lock_policy(
    conn: &mut Conn<'_>,
    account: AccountId,
    now: DateTime<Utc>,
) -> QueryResult<Option<PolicyRow>> {
    if !is_live(conn, account).await? {
        return Ok(None);
    }
    let fresh = PolicyRow::from_domain(&Policy::default_for(account), now);
    db_run!(conn => {
        keyed_by_sql(
            diesel::insert_into(policies::table)
                .values(&fresh)
                .on_conflict_do_nothing(),
        )
        .execute(conn)
        .await
    })?;
    find_locked(conn, account).await.map(Some)
}

pub(super) async fn save_policy(
    conn: &mut Conn<'_>,
    policy: &Policy,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let stored = PolicyRow::from_domain(policy, now);
    db_run!(conn => {
        keyed_by_sql(diesel::update(policies::table.find(policy.account_id.0)).set(&stored))
            .execute(conn)
            .await
    })?;
    Ok(())
}

pub(super) async fn record_consent(
    conn: &mut Conn<'_>,
    account: AccountId,
    change: &ConsentChange,
    origin: &ConsentOrigin,
) -> QueryResult<()> {
    let record = NewConsentRecordRow::new(account, change, origin);
    db_run!(conn => {
        keyed_by_sql(diesel::insert_into(consent_records::table).values(&record))
            .execute(conn)
            .await
    })?;
    Ok(())
}
