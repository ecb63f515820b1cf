//! `PendingAuthorizationRepository`: sign-ins waiting for the provider (taken once, by a
//! `DELETE ... RETURNING`, so two callbacks with one state cannot both get it) and sign-ups
//! waiting for the user's fields.

use account_domain::UnexpectedError;
use account_domain::sign_in::{
    PendingAuthorization, PendingAuthorizationRepository, PendingRegistration,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::rows::{PendingAuthorizationRow, PendingRegistrationRow};
use crate::schema::{pending_authorizations, pending_registrations};
use crate::time::StoredTime;
use crate::{Database, db_run, keyed_by_sql};

/// Stores pending sign-ins and sign-ups.
#[derive(Clone)]
pub struct SqlPendingAuthorizationRepository {
    db: Database,
}

impl SqlPendingAuthorizationRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl PendingAuthorizationRepository for SqlPendingAuthorizationRepository {
    async fn save(&self, pending: &PendingAuthorization) -> Result<(), UnexpectedError> {
        let row = PendingAuthorizationRow::from_domain(pending);
        self.db
            .write("storing a pending sign-in", move |conn| {
                Box::pin(async move {
                    db_run!(conn => {
                        keyed_by_sql(
                            diesel::insert_into(pending_authorizations::table).values(&row),
                        )
                        .execute(conn)
                        .await
                    })?;
                    Ok(())
                })
            })
            .await
    }

    async fn take(
        &self,
        state_digest: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingAuthorization>, UnexpectedError> {
        let digest = state_digest.to_owned();
        let row = self
            .db
            .write("taking a pending sign-in", move |conn| {
                Box::pin(async move {
                    let row: Option<PendingAuthorizationRow> = db_run!(conn => {
                        diesel::delete(
                            pending_authorizations::table
                                .filter(pending_authorizations::state_digest.eq(&digest)),
                        )
                        .returning(PendingAuthorizationRow::as_returning())
                        .get_result(conn)
                        .await
                        .optional()
                    })?;
                    Ok(row)
                })
            })
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let pending = row.into_domain()?;
        Ok((pending.expires_at > now).then_some(pending))
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, UnexpectedError> {
        let at = StoredTime(now);
        let purged = self
            .db
            .write("purging expired sign-ins", move |conn| {
                Box::pin(async move {
                    let sign_ins = db_run!(conn => {
                        diesel::delete(
                            pending_authorizations::table
                                .filter(pending_authorizations::expires_at.le(at)),
                        )
                        .execute(conn)
                        .await
                    })?;
                    let sign_ups = db_run!(conn => {
                        diesel::delete(
                            pending_registrations::table
                                .filter(pending_registrations::expires_at.le(at)),
                        )
                        .execute(conn)
                        .await
                    })?;
                    Ok(sign_ins + sign_ups)
                })
            })
            .await?;
        u64::try_from(purged)
            .map_err(|err| UnexpectedError::with_source("counting purged sign-ins", err))
    }

    async fn save_registration(
        &self,
        registration: &PendingRegistration,
    ) -> Result<(), UnexpectedError> {
        let row = PendingRegistrationRow::from_domain(registration);
        self.db
            .write("storing a pending sign-up", move |conn| {
                Box::pin(async move {
                    db_run!(conn => {
                        keyed_by_sql(diesel::insert_into(pending_registrations::table).values(&row))
                            .execute(conn)
                            .await
                    })?;
                    Ok(())
                })
            })
            .await
    }

    async fn find_registration(
        &self,
        token_digest: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingRegistration>, UnexpectedError> {
        let digest = token_digest.to_owned();
        let at = StoredTime(now);
        let row = self
            .db
            .read("finding a pending sign-up", move |conn| {
                Box::pin(async move {
                    let row: Option<PendingRegistrationRow> = db_run!(conn => {
                        pending_registrations::table
                            .filter(pending_registrations::token_digest.eq(&digest))
                            .filter(pending_registrations::expires_at.gt(at))
                            .select(PendingRegistrationRow::as_select())
                            .first(conn)
                            .await
                            .optional()
                    })?;
                    Ok(row)
                })
            })
            .await?;
        row.map(PendingRegistrationRow::into_domain).transpose()
    }

    async fn remove_registration(&self, token_digest: &str) -> Result<(), UnexpectedError> {
        let digest = token_digest.to_owned();
        self.db
            .write("removing a pending sign-up", move |conn| {
                Box::pin(async move {
                    db_run!(conn => {
                        diesel::delete(
                            pending_registrations::table
                                .filter(pending_registrations::token_digest.eq(&digest)),
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
