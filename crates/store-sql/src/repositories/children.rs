//! `ChildRepository`. A claim locks the device row by serial code (`FOR UPDATE` on PostgreSQL;
//! on SQLite the `BEGIN IMMEDIATE` writer transaction excludes every other writer), checks it,
//! inserts the child user and binds the device with `UPDATE ... WHERE real_user_id IS NULL`:
//! if that binds nothing, the device was taken after all and the whole transaction rolls back.
//! Deletion locks the child user row, checks the named device is bound to it, then soft-deletes
//! the child and unbinds its devices.

use account_domain::UnexpectedError;
use account_domain::children::{
    ChildId, ChildPatch, ChildRepository, ChildUser, ChildWithDevice, CreateWithDeviceError,
    DeleteAndReleaseError, DeviceClaim, NewChild,
};
use account_domain::values::DeviceUniqueId;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use diesel_async::RunQueryDsl;

use crate::errors::{TxError, tx_error};
use crate::rows::{ChildChangeset, ChildRow, DeviceRow, NewChildRow};
use crate::schema::{child_users, devices};
use crate::time::StoredTime;
use crate::{Conn, Database, db_run};

/// Stores child users and binds devices to them (`ChildRepository`).
#[derive(Clone)]
pub struct SqlChildRepository {
    db: Database,
}

impl SqlChildRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

/// Why a child user's transaction was rolled back: one of the port's refusals, or the store.
#[derive(Debug)]
pub enum ChildAbort {
    DeviceNotFound,
    DeviceTaken,
    ChildNotFound,
    DeviceNotBound,
    Store(TxError),
}

impl From<DieselError> for ChildAbort {
    fn from(err: DieselError) -> Self {
        Self::Store(TxError::Db(err))
    }
}

impl From<UnexpectedError> for ChildAbort {
    fn from(err: UnexpectedError) -> Self {
        Self::Store(TxError::Unexpected(err))
    }
}

/// A rolled-back claim as the port's error.
fn claim_error(abort: ChildAbort) -> CreateWithDeviceError {
    match abort {
        ChildAbort::DeviceNotFound => CreateWithDeviceError::DeviceNotFound,
        ChildAbort::DeviceTaken => CreateWithDeviceError::DeviceTaken,
        other => CreateWithDeviceError::Unexpected(unexpected("creating a child user", other)),
    }
}

/// A rolled-back deletion as the port's error.
fn release_error(abort: ChildAbort) -> DeleteAndReleaseError {
    match abort {
        ChildAbort::ChildNotFound => DeleteAndReleaseError::ChildNotFound,
        ChildAbort::DeviceNotBound => DeleteAndReleaseError::DeviceNotBound,
        other => DeleteAndReleaseError::Unexpected(unexpected("deleting a child user", other)),
    }
}

/// A refusal the operation does not make is a broken invariant, not a driver error.
fn unexpected(doing: &'static str, abort: ChildAbort) -> UnexpectedError {
    match abort {
        ChildAbort::Store(err) => tx_error(doing)(err),
        other => UnexpectedError::new(format!("{doing}: unexpected refusal {other:?}")),
    }
}

#[async_trait]
impl ChildRepository for SqlChildRepository {
    async fn create_with_device(
        &self,
        child: &NewChild,
        claim: &DeviceClaim,
    ) -> Result<ChildWithDevice, CreateWithDeviceError> {
        let new_child = NewChildRow::from_domain(child);
        let now = child.now;
        let claim = claim.clone();
        self.db
            .transaction::<_, ChildAbort, _>(move |conn| {
                Box::pin(async move {
                    let device = match device_by_serial_code(conn, &claim).await? {
                        Some(device) if device.matches(&claim.mac_id, &claim.unique_id) => device,
                        _ => return Err(ChildAbort::DeviceNotFound),
                    };
                    if device.real_user_id.is_some() {
                        return Err(ChildAbort::DeviceTaken);
                    }
                    let created: ChildRow = db_run!(conn => {
                        diesel::insert_into(child_users::table)
                            .values(&new_child)
                            .returning(ChildRow::as_returning())
                            .get_result(conn)
                            .await
                    })?;
                    let Some(bound) = bind(conn, device.id, created.id, now).await? else {
                        return Err(ChildAbort::DeviceTaken);
                    };
                    Ok(ChildWithDevice {
                        child: created.into_domain()?,
                        device: bound.into_domain()?,
                    })
                })
            })
            .await
            .map_err(claim_error)
    }

    async fn find(&self, id: ChildId) -> Result<Option<ChildUser>, UnexpectedError> {
        self.db
            .read("finding a child user", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        child_users::table
                            .find(id.0)
                            .filter(child_users::deleted_at.is_null())
                            .select(ChildRow::as_select())
                            .first(conn)
                            .await
                            .optional()
                    })?)
                })
            })
            .await?
            .map(ChildRow::into_domain)
            .transpose()
    }

    async fn update(
        &self,
        id: ChildId,
        patch: &ChildPatch,
        now: DateTime<Utc>,
    ) -> Result<Option<ChildUser>, UnexpectedError> {
        let changes = ChildChangeset::from_domain(patch, now);
        self.db
            .write("updating a child user", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        diesel::update(
                            child_users::table
                                .find(id.0)
                                .filter(child_users::deleted_at.is_null()),
                        )
                        .set(&changes)
                        .returning(ChildRow::as_returning())
                        .get_result(conn)
                        .await
                        .optional()
                    })?)
                })
            })
            .await?
            .map(ChildRow::into_domain)
            .transpose()
    }

    async fn delete_and_release(
        &self,
        id: ChildId,
        unique_id: &DeviceUniqueId,
        now: DateTime<Utc>,
    ) -> Result<(), DeleteAndReleaseError> {
        let unique_id = unique_id.clone();
        self.db
            .transaction::<_, ChildAbort, _>(move |conn| {
                Box::pin(async move {
                    if !lock_live_child(conn, id).await? {
                        return Err(ChildAbort::ChildNotFound);
                    }
                    if !is_bound_to(conn, &unique_id, id).await? {
                        return Err(ChildAbort::DeviceNotBound);
                    }
                    delete_and_unbind(conn, id, now).await?;
                    Ok(())
                })
            })
            .await
            .map_err(release_error)
    }
}

/// The device holding the claimed serial code, locked on PostgreSQL.
async fn device_by_serial_code(
    conn: &mut Conn<'_>,
    claim: &DeviceClaim,
) -> QueryResult<Option<DeviceRow>> {
    let found = devices::table.filter(devices::serial_code.eq(claim.serial_code.as_str()));
    db_run!(conn =>
        postgres: found
            .select(DeviceRow::as_select())
            .for_update()
            .get_result(conn)
            .await
            .optional(),
        sqlite: found
            .select(DeviceRow::as_select())
            .get_result(conn)
            .await
            .optional(),
    )
}

/// Binds the device to the child if it is still unbound; `None` if another child holds it.
async fn bind(
    conn: &mut Conn<'_>,
    device: i64,
    child: i64,
    now: DateTime<Utc>,
) -> QueryResult<Option<DeviceRow>> {
    let at = StoredTime(now);
    db_run!(conn => {
        diesel::update(
            devices::table
                .find(device)
                .filter(devices::real_user_id.is_null()),
        )
        .set((devices::real_user_id.eq(child), devices::updated_at.eq(at)))
        .returning(DeviceRow::as_returning())
        .get_result(conn)
        .await
        .optional()
    })
}

/// Whether the child user is live, locking its row on PostgreSQL.
async fn lock_live_child(conn: &mut Conn<'_>, id: ChildId) -> QueryResult<bool> {
    let live = child_users::table
        .find(id.0)
        .filter(child_users::deleted_at.is_null())
        .select(child_users::id);
    let found: Option<i64> = db_run!(conn =>
        postgres: live.for_update().get_result(conn).await.optional(),
        sqlite: live.get_result(conn).await.optional(),
    )?;
    Ok(found.is_some())
}

/// Whether the device with this unique id is bound to the child user.
async fn is_bound_to(
    conn: &mut Conn<'_>,
    unique_id: &DeviceUniqueId,
    child: ChildId,
) -> QueryResult<bool> {
    let named: Option<i64> = db_run!(conn => {
        devices::table
            .filter(devices::unique_id.eq(unique_id.as_str()))
            .filter(devices::real_user_id.eq(child.0))
            .select(devices::id)
            .get_result(conn)
            .await
            .optional()
    })?;
    Ok(named.is_some())
}

/// Soft-deletes the child user and unbinds its devices.
async fn delete_and_unbind(
    conn: &mut Conn<'_>,
    id: ChildId,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let at = StoredTime(now);
    db_run!(conn => {
        diesel::update(child_users::table.find(id.0))
            .set((child_users::deleted_at.eq(at), child_users::updated_at.eq(at)))
            .execute(conn)
            .await
    })?;
    db_run!(conn => {
        diesel::update(devices::table.filter(devices::real_user_id.eq(id.0)))
            .set((devices::real_user_id.eq(None::<i64>), devices::updated_at.eq(at)))
            .execute(conn)
            .await
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_map_to_their_operation_and_others_are_unexpected() {
        assert!(matches!(
            claim_error(ChildAbort::DeviceNotFound),
            CreateWithDeviceError::DeviceNotFound
        ));
        assert!(matches!(
            claim_error(ChildAbort::DeviceTaken),
            CreateWithDeviceError::DeviceTaken
        ));
        assert!(matches!(
            release_error(ChildAbort::ChildNotFound),
            DeleteAndReleaseError::ChildNotFound
        ));
        assert!(matches!(
            release_error(ChildAbort::DeviceNotBound),
            DeleteAndReleaseError::DeviceNotBound
        ));
        let err = claim_error(ChildAbort::ChildNotFound);
        assert!(
            matches!(&err, CreateWithDeviceError::Unexpected(e) if e.to_string().contains("unexpected refusal ChildNotFound")),
            "{err:?}"
        );
        let err = release_error(ChildAbort::from(DieselError::NotFound));
        assert!(
            matches!(&err, DeleteAndReleaseError::Unexpected(e) if e.to_string() == "deleting a child user"),
            "{err:?}"
        );
    }
}
