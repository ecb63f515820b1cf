use account_domain::devices::DeviceKey;

/// The key a skipped row collided on: the serial code when a device holds it, else the unique id.
pub fn colliding_key(serial_code_taken: bool) -> DeviceKey {
    if serial_code_taken {
        DeviceKey::SerialCode
    } else {
        DeviceKey::UniqueId
    }
}

/// `DeviceRepository`. A batch inserts row by row with `ON CONFLICT DO NOTHING`, so a row whose
/// serial code or unique id is taken (by the inventory, an earlier row of the batch, or a
/// concurrent batch) is skipped instead of failing the transaction; a skipped row is then
/// reported with the key it collided on. Batches take turns (an advisory lock on PostgreSQL,
/// the writer transaction on SQLite): two batches inserting overlapping rows in different
/// orders would otherwise wait on each other's rows and deadlock.
#[doc(hidden)]
#[macro_export]
macro_rules! __device_repository {
    ($dialect:ident, $store:ty, $name:ident) => {
        $crate::__adapter_struct!($store, $name, "The device inventory (`DeviceRepository`).");

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::accounts::AccountId;
            use $crate::__private::account_domain::children::ChildWithDevice;
            use $crate::__private::account_domain::devices::{
                DeviceRepository, DuplicateDevice, NewDevice, ProvisionReport,
            };
            use $crate::__private::chrono::{DateTime, Utc};
            use $crate::__private::diesel::dsl::exists;
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::{TxError, db_error, tx_error};
            use $crate::repositories::devices::colliding_key;
            use $crate::rows::{ChildRow, DeviceRow, NewDeviceRow};
            use $crate::schema::{child_users, devices};

            #[$crate::__private::async_trait::async_trait]
            impl DeviceRepository for $name {
                async fn provision(
                    &self,
                    batch: &[NewDevice],
                    now: DateTime<Utc>,
                ) -> Result<ProvisionReport, UnexpectedError> {
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, TxError, async |c| {
                        $crate::__serialize_on_key!($dialect, &mut *c, "devices:provision")?;
                        let mut report = ProvisionReport::default();
                        for (index, device) in batch.iter().enumerate() {
                            let inserted: Option<DeviceRow> =
                                $crate::__private::diesel::insert_into(devices::table)
                                    .values(NewDeviceRow::new(device, now))
                                    .on_conflict_do_nothing()
                                    .returning(DeviceRow::as_returning())
                                    .get_result(c)
                                    .await
                                    .optional()?;
                            if let Some(row) = inserted {
                                report.created.push(row.into_domain()?);
                                continue;
                            }
                            let serial_code_taken: bool =
                                $crate::__private::diesel::select(exists(
                                    devices::table.filter(
                                        devices::serial_code.eq(device.serial_code.as_str()),
                                    ),
                                ))
                                .get_result(c)
                                .await?;
                            report.duplicates.push(DuplicateDevice {
                                index,
                                serial_code: device.serial_code.clone(),
                                key: colliding_key(serial_code_taken),
                            });
                        }
                        Ok(report)
                    })
                    .map_err(tx_error("provisioning devices"))
                }

                async fn list_for_root_user(
                    &self,
                    root_user: AccountId,
                ) -> Result<Vec<ChildWithDevice>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    let rows: Vec<(DeviceRow, ChildRow)> = devices::table
                        .inner_join(child_users::table)
                        .filter(child_users::root_user_id.eq(root_user.0))
                        .filter(child_users::deleted_at.is_null())
                        .order(devices::id.asc())
                        .select((DeviceRow::as_select(), ChildRow::as_select()))
                        .load(&mut *conn)
                        .await
                        .map_err(db_error("listing the devices of a root user"))?;
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
        };
    };
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
