use account_domain::UnexpectedError;
use account_domain::children::{CreateWithDeviceError, DeleteAndReleaseError};
use diesel::result::Error as DieselError;

use crate::errors::{TxError, tx_error};

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
pub fn claim_error(abort: ChildAbort) -> CreateWithDeviceError {
    match abort {
        ChildAbort::DeviceNotFound => CreateWithDeviceError::DeviceNotFound,
        ChildAbort::DeviceTaken => CreateWithDeviceError::DeviceTaken,
        other => CreateWithDeviceError::Unexpected(unexpected("creating a child user", other)),
    }
}

/// A rolled-back deletion as the port's error.
pub fn release_error(abort: ChildAbort) -> DeleteAndReleaseError {
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

/// `ChildRepository`. A claim locks the device row by serial code (`FOR UPDATE` on PostgreSQL;
/// on SQLite the `BEGIN IMMEDIATE` writer transaction excludes every other writer), checks it,
/// inserts the child user and binds the device with `UPDATE ... WHERE real_user_id IS NULL`:
/// if that binds nothing, the device was taken after all and the whole transaction rolls back.
/// Deletion locks the child user row, checks the named device is bound to it, then soft-deletes
/// the child and unbinds its devices.
#[doc(hidden)]
#[macro_export]
macro_rules! __child_repository {
    ($dialect:ident, $store:ty, $name:ident) => {
        $crate::__adapter_struct!(
            $store,
            $name,
            "Stores child users and binds devices to them (`ChildRepository`)."
        );

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::children::{
                ChildId, ChildPatch, ChildRepository, ChildUser, ChildWithDevice,
                CreateWithDeviceError, DeleteAndReleaseError, DeviceClaim, NewChild,
            };
            use $crate::__private::account_domain::values::DeviceUniqueId;
            use $crate::__private::chrono::{DateTime, Utc};
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::db_error;
            use $crate::repositories::children::{ChildAbort, claim_error, release_error};
            use $crate::rows::{ChildChangeset, ChildRow, DeviceRow, NewChildRow};
            use $crate::schema::{child_users, devices};
            use $crate::time::StoredTime;

            #[$crate::__private::async_trait::async_trait]
            impl ChildRepository for $name {
                async fn create_with_device(
                    &self,
                    child: &NewChild,
                    claim: &DeviceClaim,
                ) -> Result<ChildWithDevice, CreateWithDeviceError> {
                    let new_child = NewChildRow::from_domain(child);
                    let at = StoredTime(child.now);
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, ChildAbort, async |c| {
                        let device: Option<DeviceRow> = $crate::__lock_for_update!(
                            $dialect,
                            devices::table
                                .filter(devices::serial_code.eq(claim.serial_code.as_str()))
                                .select(DeviceRow::as_select())
                        )
                        .get_result(c)
                        .await
                        .optional()?;
                        let device = match device {
                            Some(d) if d.matches(&claim.mac_id, &claim.unique_id) => d,
                            _ => return Err(ChildAbort::DeviceNotFound),
                        };
                        if device.real_user_id.is_some() {
                            return Err(ChildAbort::DeviceTaken);
                        }
                        let created = $crate::__private::diesel::insert_into(child_users::table)
                            .values(&new_child)
                            .returning(ChildRow::as_returning())
                            .get_result(c)
                            .await?;
                        let bound: Option<DeviceRow> = $crate::__private::diesel::update(
                            devices::table
                                .find(device.id)
                                .filter(devices::real_user_id.is_null()),
                        )
                        .set((
                            devices::real_user_id.eq(created.id),
                            devices::updated_at.eq(at),
                        ))
                        .returning(DeviceRow::as_returning())
                        .get_result(c)
                        .await
                        .optional()?;
                        let Some(bound) = bound else {
                            return Err(ChildAbort::DeviceTaken);
                        };
                        Ok(ChildWithDevice {
                            child: created.into_domain()?,
                            device: bound.into_domain()?,
                        })
                    })
                    .map_err(claim_error)
                }

                async fn find(&self, id: ChildId) -> Result<Option<ChildUser>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    child_users::table
                        .find(id.0)
                        .filter(child_users::deleted_at.is_null())
                        .select(ChildRow::as_select())
                        .first(&mut *conn)
                        .await
                        .optional()
                        .map_err(db_error("finding a child user"))?
                        .map(ChildRow::into_domain)
                        .transpose()
                }

                async fn update(
                    &self,
                    id: ChildId,
                    patch: &ChildPatch,
                    now: DateTime<Utc>,
                ) -> Result<Option<ChildUser>, UnexpectedError> {
                    let mut conn = self.store.writer().await?;
                    $crate::__private::diesel::update(
                        child_users::table
                            .find(id.0)
                            .filter(child_users::deleted_at.is_null()),
                    )
                    .set(ChildChangeset::from_domain(patch, now))
                    .returning(ChildRow::as_returning())
                    .get_result(&mut *conn)
                    .await
                    .optional()
                    .map_err(db_error("updating a child user"))?
                    .map(ChildRow::into_domain)
                    .transpose()
                }

                async fn delete_and_release(
                    &self,
                    id: ChildId,
                    unique_id: &DeviceUniqueId,
                    now: DateTime<Utc>,
                ) -> Result<(), DeleteAndReleaseError> {
                    let at = StoredTime(now);
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, ChildAbort, async |c| {
                        let live: Option<i64> = $crate::__lock_for_update!(
                            $dialect,
                            child_users::table
                                .find(id.0)
                                .filter(child_users::deleted_at.is_null())
                                .select(child_users::id)
                        )
                        .get_result(c)
                        .await
                        .optional()?;
                        if live.is_none() {
                            return Err(ChildAbort::ChildNotFound);
                        }
                        let named: Option<i64> = devices::table
                            .filter(devices::unique_id.eq(unique_id.as_str()))
                            .filter(devices::real_user_id.eq(id.0))
                            .select(devices::id)
                            .get_result(c)
                            .await
                            .optional()?;
                        if named.is_none() {
                            return Err(ChildAbort::DeviceNotBound);
                        }
                        $crate::__private::diesel::update(child_users::table.find(id.0))
                            .set((
                                child_users::deleted_at.eq(at),
                                child_users::updated_at.eq(at),
                            ))
                            .execute(c)
                            .await?;
                        $crate::__private::diesel::update(
                            devices::table.filter(devices::real_user_id.eq(id.0)),
                        )
                        .set((
                            devices::real_user_id.eq(None::<i64>),
                            devices::updated_at.eq(at),
                        ))
                        .execute(c)
                        .await?;
                        Ok(())
                    })
                    .map_err(release_error)
                }
            }
        };
    };
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
