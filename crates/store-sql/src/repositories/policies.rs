//! `PolicyRepository`. An update makes sure the policy row exists (`ON CONFLICT DO NOTHING`),
//! reads it locked (on PostgreSQL), applies the patch with the domain's [`Policy::apply`],
//! writes the result and appends the changes to `consent_records` (which is only ever inserted
//! into), all in one transaction; withdrawing push consent deletes the account's push tokens
//! in it too.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::policies::{
    ConsentChange, ConsentKind, ConsentOrigin, ConsentRecord, Policy, PolicyPatch, PolicyRepository,
};
use async_trait::async_trait;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::rows::{ConsentRecordRow, NewConsentRecordRow, PolicyRow};
use crate::schema::{accounts, consent_records, policies, push_tokens};
use crate::{Conn, Database, db_run};

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

    async fn update(
        &self,
        account: AccountId,
        patch: &PolicyPatch,
        origin: &ConsentOrigin,
    ) -> Result<Option<Policy>, UnexpectedError> {
        let fresh = PolicyRow::from_domain(&Policy::default_for(account), origin.at);
        let patch = *patch;
        let origin = origin.clone();
        self.db
            .write("updating a policy", move |conn| {
                Box::pin(async move {
                    if !is_live(conn, account).await? {
                        return Ok(None);
                    }
                    db_run!(conn => {
                        diesel::insert_into(policies::table)
                            .values(&fresh)
                            .on_conflict_do_nothing()
                            .execute(conn)
                            .await
                    })?;
                    let current = find_locked(conn, account).await?;
                    let (next, changes) = current.into_domain().apply(&patch, origin.at);
                    if changes.is_empty() {
                        return Ok(Some(next));
                    }
                    let stored = PolicyRow::from_domain(&next, origin.at);
                    db_run!(conn => {
                        diesel::update(policies::table.find(account.0))
                            .set(&stored)
                            .execute(conn)
                            .await
                    })?;
                    // One statement per change (diesel-async has no multi-row insert on
                    // SQLite), in order, so ids follow the order of the changes.
                    for change in &changes {
                        let record = NewConsentRecordRow::new(account, change, &origin);
                        db_run!(conn => {
                            diesel::insert_into(consent_records::table)
                                .values(&record)
                                .execute(conn)
                                .await
                        })?;
                    }
                    if push_withdrawn(&changes) {
                        db_run!(conn => {
                            diesel::delete(
                                push_tokens::table.filter(push_tokens::account_id.eq(account.0)),
                            )
                            .execute(conn)
                            .await
                        })?;
                    }
                    Ok(Some(next))
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

/// True when `changes` withdraw push consent: the account's push tokens must go.
fn push_withdrawn(changes: &[ConsentChange]) -> bool {
    changes.contains(&ConsentChange {
        kind: ConsentKind::Push,
        agreed: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_turning_push_off_withdraws_it() {
        let change = |kind, agreed| ConsentChange { kind, agreed };
        assert!(push_withdrawn(&[
            change(ConsentKind::Push, false),
            change(ConsentKind::Marketing, true)
        ]));
        assert!(!push_withdrawn(&[change(ConsentKind::Push, true)]));
        assert!(!push_withdrawn(&[change(ConsentKind::Marketing, false)]));
        assert!(!push_withdrawn(&[]));
    }
}
