use account_domain::policies::{ConsentChange, ConsentKind};

/// True when `changes` withdraw push consent: the account's push tokens must go.
pub fn push_withdrawn(changes: &[ConsentChange]) -> bool {
    changes.contains(&ConsentChange {
        kind: ConsentKind::Push,
        agreed: false,
    })
}

/// `PolicyRepository`. An update makes sure the policy row exists (`ON CONFLICT DO NOTHING`),
/// reads it locked, applies the patch with the domain's `Policy::apply`, writes the result and
/// appends the changes to `consent_records` (which is only ever inserted into), all in one
/// transaction; withdrawing push consent deletes the account's push tokens in it too.
#[doc(hidden)]
#[macro_export]
macro_rules! __policy_repository {
    ($dialect:ident, $store:ty, $name:ident) => {
        $crate::__adapter_struct!(
            $store,
            $name,
            "Stores consents and their history (`PolicyRepository`)."
        );

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::accounts::AccountId;
            use $crate::__private::account_domain::policies::{
                ConsentOrigin, ConsentRecord, Policy, PolicyPatch, PolicyRepository,
            };
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::{TxError, db_error, tx_error};
            use $crate::repositories::policies::push_withdrawn;
            use $crate::rows::{ConsentRecordRow, NewConsentRecordRow, PolicyRow};
            use $crate::schema::{accounts, consent_records, policies, push_tokens};

            #[$crate::__private::async_trait::async_trait]
            impl PolicyRepository for $name {
                async fn find(
                    &self,
                    account: AccountId,
                ) -> Result<Option<Policy>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    policies::table
                        .find(account.0)
                        .select(PolicyRow::as_select())
                        .first(&mut *conn)
                        .await
                        .optional()
                        .map(|row| row.map(PolicyRow::into_domain))
                        .map_err(db_error("finding a policy"))
                }

                async fn update(
                    &self,
                    account: AccountId,
                    patch: &PolicyPatch,
                    origin: &ConsentOrigin,
                ) -> Result<Option<Policy>, UnexpectedError> {
                    let fresh = PolicyRow::from_domain(&Policy::default_for(account), origin.at);
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, TxError, async |c| {
                        let live: Option<i64> = accounts::table
                            .find(account.0)
                            .filter(accounts::deleted_at.is_null())
                            .select(accounts::id)
                            .get_result(c)
                            .await
                            .optional()?;
                        if live.is_none() {
                            return Ok(None);
                        }
                        $crate::__private::diesel::insert_into(policies::table)
                            .values(&fresh)
                            .on_conflict_do_nothing()
                            .execute(c)
                            .await?;
                        let current: PolicyRow = $crate::__lock_for_update!(
                            $dialect,
                            policies::table
                                .find(account.0)
                                .select(PolicyRow::as_select())
                        )
                        .get_result(c)
                        .await?;
                        let (next, changes) = current.into_domain().apply(patch, origin.at);
                        if changes.is_empty() {
                            return Ok(Some(next));
                        }
                        $crate::__private::diesel::update(policies::table.find(account.0))
                            .set(&PolicyRow::from_domain(&next, origin.at))
                            .execute(c)
                            .await?;
                        // One statement per change (diesel-async has no multi-row insert on
                        // SQLite), in order, so ids follow the order of the changes.
                        for change in &changes {
                            $crate::__private::diesel::insert_into(consent_records::table)
                                .values(NewConsentRecordRow::new(account, change, origin))
                                .execute(c)
                                .await?;
                        }
                        if push_withdrawn(&changes) {
                            $crate::__private::diesel::delete(
                                push_tokens::table.filter(push_tokens::account_id.eq(account.0)),
                            )
                            .execute(c)
                            .await?;
                        }
                        Ok(Some(next))
                    })
                    .map_err(tx_error("updating a policy"))
                }

                async fn history(
                    &self,
                    account: AccountId,
                ) -> Result<Vec<ConsentRecord>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    consent_records::table
                        .filter(consent_records::account_id.eq(account.0))
                        .order((consent_records::at.asc(), consent_records::id.asc()))
                        .select(ConsentRecordRow::as_select())
                        .load(&mut *conn)
                        .await
                        .map_err(db_error("reading a consent history"))?
                        .into_iter()
                        .map(ConsentRecordRow::into_domain)
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
