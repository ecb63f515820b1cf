//! `DeviceRepository`. A batch inserts row by row with `ON CONFLICT DO NOTHING`, so a row whose
//! serial code or unique id is taken (by the inventory, an earlier row of the batch, or a
//! concurrent batch) is skipped instead of failing the transaction; a skipped row is then
//! reported with the key it collided on. Batches take turns (an advisory lock on PostgreSQL,
//! the writer transaction on SQLite): two batches inserting overlapping rows in different
//! orders would otherwise wait on each other's rows and deadlock.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::children::ChildWithDevice;
use account_domain::devices::{
    DeviceKey, DeviceRepository, DuplicateDevice, NewDevice, ProvisionReport,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::dsl::exists;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::rows::{ChildRow, DeviceRow, NewDeviceRow};
use crate::schema::{child_users, devices};
use crate::serialize_on_key;
use crate::{Conn, Database, db_run, keyed_by_sql};

/// The device inventory (`DeviceRepository`).
#[derive(Clone)]
pub struct SqlDeviceRepository {
    db: Database,
}

impl SqlDeviceRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

/// The key a skipped row collided on: the serial code when a device holds it, else the unique id.
fn colliding_key(serial_code_taken: bool) -> DeviceKey {
    if serial_code_taken {
        DeviceKey::SerialCode
    } else {
        DeviceKey::UniqueId
    }
}

#[async_trait]
impl DeviceRepository for SqlDeviceRepository {
    async fn provision(
        &self,
        batch: &[NewDevice],
        now: DateTime<Utc>,
    ) -> Result<ProvisionReport, UnexpectedError> {
        let batch = batch.to_vec();
        self.db
            .write("provisioning devices", move |conn| {
                Box::pin(async move {
                    serialize_on_key(conn, "devices:provision").await?;
                    let mut report = ProvisionReport::default();
                    for (index, device) in batch.iter().enumerate() {
                        if let Some(row) = insert_new(conn, device, now).await? {
                            report.created.push(row.into_domain()?);
                            continue;
                        }
                        let serial_code_taken = serial_code_taken(conn, device).await?;
                        report.duplicates.push(DuplicateDevice {
                            index,
                            serial_code: device.serial_code.clone(),
                            key: colliding_key(serial_code_taken),
                        });
                    }
                    Ok(report)
                })
            })
            .await
    }

    async fn list_for_root_user(
        &self,
        root_user: AccountId,
    ) -> Result<Vec<ChildWithDevice>, UnexpectedError> {
        let rows: Vec<(DeviceRow, ChildRow)> = self
            .db
            .read("listing the devices of a root user", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        devices::table
                            .inner_join(child_users::table)
                            .filter(child_users::root_user_id.eq(root_user.0))
                            .filter(child_users::deleted_at.is_null())
                            .order(devices::id.asc())
                            .select((DeviceRow::as_select(), ChildRow::as_select()))
                            .load(conn)
                            .await
                    })?)
                })
            })
            .await?;
        rows.into_iter()
            .map(|(device, child)| {
                Ok(ChildWithDevice {
                    child: child.into_domain()?,
                    device: device.into_domain()?,
                })
            })
            .collect()
    }
}

/// Inserts the device unless its serial code or unique id is taken; `None` if it was skipped.
async fn insert_new(
    conn: &mut Conn<'_>,
    device: &NewDevice,
    now: DateTime<Utc>,
) -> QueryResult<Option<DeviceRow>> {
    let row = NewDeviceRow::new(device, now);
    db_run!(conn => {
        keyed_by_sql(
            diesel::insert_into(devices::table)
                .values(&row)
                .on_conflict_do_nothing()
                .returning(DeviceRow::as_returning()),
        )
        .get_result(conn)
        .await
        .optional()
    })
}

/// Whether a device holds this one's serial code.
async fn serial_code_taken(conn: &mut Conn<'_>, device: &NewDevice) -> QueryResult<bool> {
    db_run!(conn => {
        diesel::select(exists(
            devices::table.filter(devices::serial_code.eq(device.serial_code.as_str())),
        ))
        .get_result(conn)
        .await
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_serial_code_is_reported_first() {
        assert_eq!(colliding_key(true), DeviceKey::SerialCode);
        assert_eq!(colliding_key(false), DeviceKey::UniqueId);
    }
}
