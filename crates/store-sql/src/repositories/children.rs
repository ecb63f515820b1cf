//! `ChildRepository` (reads and edits), and the statements of the domain's claim and release
//! units of work (`children::create_with_device`, `children::delete_and_release`, run through
//! `SqlUnitOfWork`): the device row is locked by serial code and the child user row by id
//! (`FOR UPDATE` on PostgreSQL; on SQLite the `BEGIN IMMEDIATE` writer transaction excludes
//! every other writer), and a device is bound with `UPDATE ... WHERE real_user_id IS NULL`, so
//! of two racing claims exactly one binds it.

use account_domain::UnexpectedError;
use account_domain::children::{ChildId, ChildPatch, ChildRepository, ChildUser, NewChild};
use account_domain::values::{DeviceUniqueId, SerialCode};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::rows::{ChildChangeset, ChildRow, DeviceRow, NewChildRow};
use crate::schema::{child_users, devices};
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql};

/// Stores child users (`ChildRepository`).
#[derive(Clone)]
pub struct SqlChildRepository {
    db: Database,
}

impl SqlChildRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

#[async_trait]
impl ChildRepository for SqlChildRepository {
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
}

/// The device with this serial code, locked on PostgreSQL.
pub(super) async fn lock_device_by_serial(
    conn: &mut Conn<'_>,
    serial_code: &SerialCode,
) -> QueryResult<Option<DeviceRow>> {
    let found = devices::table.filter(devices::serial_code.eq(serial_code.as_str()));
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

pub(super) async fn insert_child(conn: &mut Conn<'_>, child: &NewChild) -> QueryResult<ChildRow> {
    let new_child = NewChildRow::from_domain(child);
    db_run!(conn => {
        keyed_by_sql(
            diesel::insert_into(child_users::table)
                .values(&new_child)
                .returning(ChildRow::as_returning()),
        )
        .get_result(conn)
        .await
    })
}

/// Binds the device to the child if it is still unbound; `None` if another child holds it.
pub(super) async fn bind_device(
    conn: &mut Conn<'_>,
    device: i64,
    child: i64,
    now: DateTime<Utc>,
) -> QueryResult<Option<DeviceRow>> {
    let at = StoredTime(now);
    db_run!(conn => {
        keyed_by_sql(
            diesel::update(
                devices::table
                    .find(device)
                    .filter(devices::real_user_id.is_null()),
            )
            .set((devices::real_user_id.eq(child), devices::updated_at.eq(at)))
            .returning(DeviceRow::as_returning()),
        )
        .get_result(conn)
        .await
        .optional()
    })
}

/// Whether the child user is live, locking its row on PostgreSQL.
pub(super) async fn lock_live_child(conn: &mut Conn<'_>, id: ChildId) -> QueryResult<bool> {
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
pub(super) async fn device_bound_to(
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

/// Unbinds the child user's devices; returns how many.
pub(super) async fn release_devices_of_child(
    conn: &mut Conn<'_>,
    id: ChildId,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let at = StoredTime(now);
    db_run!(conn => {
        keyed_by_sql(
            diesel::update(devices::table.filter(devices::real_user_id.eq(id.0))).set((
                devices::real_user_id.eq(None::<i64>),
                devices::updated_at.eq(at),
            )),
        )
        .execute(conn)
        .await
    })
}

/// Soft-deletes the child user.
pub(super) async fn delete_child(
    conn: &mut Conn<'_>,
    id: ChildId,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let at = StoredTime(now);
    db_run!(conn => {
        keyed_by_sql(diesel::update(child_users::table.find(id.0)).set((
            child_users::deleted_at.eq(at),
            child_users::updated_at.eq(at),
        )))
        .execute(conn)
        .await
    })?;
    Ok(())
}
