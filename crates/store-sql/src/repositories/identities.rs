//! `LinkedIdentityRepository`. The unique index on (provider, subject) decides races: an insert
//! that meets an existing link does nothing (`ON CONFLICT DO NOTHING`), and the link then read
//! back says whose it is. Creating an account with its identity is one transaction: an
//! identity linked meanwhile rolls the new account back.

use account_domain::UnexpectedError;
use account_domain::accounts::{Account, AccountId, NewAccount};
use account_domain::identities::{
    CreateLinkedAccountError, ExternalIdentity, LinkIdentityError, LinkedIdentity,
    LinkedIdentityRepository,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use diesel_async::RunQueryDsl;

use crate::errors::{UniqueKey, db_error, violated_unique_key};
use crate::rows::{AccountRow, LinkedIdentityRow, NewAccountRow, NewLinkedIdentityRow};
use crate::schema::{accounts, linked_identities};
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql};

/// Stores the identities linked to accounts.
#[derive(Clone)]
pub struct SqlLinkedIdentityRepository {
    db: Database,
}

impl SqlLinkedIdentityRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

/// How a linking transaction ends when it does not succeed.
#[derive(Debug)]
enum LinkFailure {
    Db(DieselError),
    Unexpected(UnexpectedError),
    IdentityTaken,
    AccountNotFound,
}

impl From<DieselError> for LinkFailure {
    fn from(err: DieselError) -> Self {
        Self::Db(err)
    }
}

impl From<UnexpectedError> for LinkFailure {
    fn from(err: UnexpectedError) -> Self {
        Self::Unexpected(err)
    }
}

/// Inserts the link unless the identity is linked already; returns the account it is linked
/// to now (this one, or the one that held it first).
async fn insert_link(
    conn: &mut Conn<'_>,
    identity: &ExternalIdentity,
    account: AccountId,
    now: StoredTime,
) -> QueryResult<Option<i64>> {
    let row = NewLinkedIdentityRow::new(identity, account, now);
    db_run!(conn => {
        keyed_by_sql(
            diesel::insert_into(linked_identities::table)
                .values(&row)
                .on_conflict((linked_identities::provider, linked_identities::subject))
                .do_nothing(),
        )
        .execute(conn)
        .await
    })?;
    linked_account(conn, identity).await
}

async fn linked_account(
    conn: &mut Conn<'_>,
    identity: &ExternalIdentity,
) -> QueryResult<Option<i64>> {
    let provider = identity.provider.as_str();
    let subject = identity.subject.clone();
    db_run!(conn => {
        linked_identities::table
            .filter(linked_identities::provider.eq(provider))
            .filter(linked_identities::subject.eq(&subject))
            .select(linked_identities::account_id)
            .first(conn)
            .await
            .optional()
    })
}

#[async_trait]
impl LinkedIdentityRepository for SqlLinkedIdentityRepository {
    async fn find_account(
        &self,
        identity: &ExternalIdentity,
    ) -> Result<Option<AccountId>, UnexpectedError> {
        let identity = identity.clone();
        let found = self
            .db
            .read("finding a linked identity", move |conn| {
                Box::pin(async move { Ok(linked_account(conn, &identity).await?) })
            })
            .await?;
        Ok(found.map(AccountId))
    }

    async fn link(
        &self,
        identity: &ExternalIdentity,
        account: AccountId,
        email_verified: bool,
        now: DateTime<Utc>,
    ) -> Result<(), LinkIdentityError> {
        let identity = identity.clone();
        let at = StoredTime(now);
        self.db
            .transaction::<_, LinkFailure, _>(move |conn| {
                Box::pin(async move {
                    let live = accounts::table
                        .find(account.0)
                        .filter(accounts::deleted_at.is_null());
                    let found: Option<i64> = db_run!(conn =>
                        postgres: live
                            .select(accounts::id)
                            .for_update()
                            .first(conn)
                            .await
                            .optional(),
                        sqlite: live.select(accounts::id).first(conn).await.optional(),
                    )?;
                    if found.is_none() {
                        return Err(LinkFailure::AccountNotFound);
                    }
                    if insert_link(conn, &identity, account, at).await? != Some(account.0) {
                        return Err(LinkFailure::IdentityTaken);
                    }
                    if email_verified {
                        db_run!(conn => {
                            keyed_by_sql(diesel::update(accounts::table.find(account.0)).set((
                                accounts::email_verified.eq(true),
                                accounts::updated_at.eq(at),
                            )))
                            .execute(conn)
                            .await
                        })?;
                    }
                    Ok(())
                })
            })
            .await
            .map_err(|failure| match failure {
                LinkFailure::IdentityTaken => LinkIdentityError::IdentityTaken,
                LinkFailure::AccountNotFound => LinkIdentityError::AccountNotFound,
                LinkFailure::Db(err) => db_error("linking an identity")(err).into(),
                LinkFailure::Unexpected(err) => err.into(),
            })
    }

    async fn create_account_with_identity(
        &self,
        account: &NewAccount,
        email_verified: bool,
        identity: &ExternalIdentity,
    ) -> Result<Account, CreateLinkedAccountError> {
        let new_account = NewAccountRow {
            email_verified,
            ..NewAccountRow::from_domain(account)
        };
        let at = StoredTime(account.now);
        let identity = identity.clone();
        let row = self
            .db
            .transaction::<_, LinkFailure, _>(move |conn| {
                Box::pin(async move {
                    let row: AccountRow = db_run!(conn => {
                        diesel::insert_into(accounts::table)
                            .values(&new_account)
                            .returning(AccountRow::as_returning())
                            .get_result(conn)
                            .await
                    })?;
                    let holder = insert_link(conn, &identity, AccountId(row.id), at).await?;
                    if holder != Some(row.id) {
                        return Err(LinkFailure::IdentityTaken);
                    }
                    Ok(row)
                })
            })
            .await
            .map_err(|failure| match failure {
                LinkFailure::IdentityTaken => CreateLinkedAccountError::IdentityTaken,
                LinkFailure::Db(err)
                    if violated_unique_key(&err) == Some(UniqueKey::AccountEmail) =>
                {
                    CreateLinkedAccountError::EmailTaken
                }
                LinkFailure::Db(err) => {
                    db_error("creating an account with its identity")(err).into()
                }
                LinkFailure::Unexpected(err) => err.into(),
                LinkFailure::AccountNotFound => CreateLinkedAccountError::Unexpected(
                    UnexpectedError::new("an account vanished while it was created"),
                ),
            })?;
        Ok(row.into_domain()?)
    }

    async fn list_for_account(
        &self,
        account: AccountId,
    ) -> Result<Vec<LinkedIdentity>, UnexpectedError> {
        let rows = self
            .db
            .read("listing the identities of an account", move |conn| {
                Box::pin(async move {
                    let rows: Vec<LinkedIdentityRow> = db_run!(conn => {
                        linked_identities::table
                            .filter(linked_identities::account_id.eq(account.0))
                            .order((linked_identities::linked_at.asc(), linked_identities::id.asc()))
                            .select(LinkedIdentityRow::as_select())
                            .load(conn)
                            .await
                    })?;
                    Ok(rows)
                })
            })
            .await?;
        rows.into_iter()
            .map(LinkedIdentityRow::into_domain)
            .collect()
    }
}
