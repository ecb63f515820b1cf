use account_domain::UnexpectedError;

/// A count of deleted rows as the port reports it.
pub fn deleted_count(deleted: usize) -> Result<u64, UnexpectedError> {
    u64::try_from(deleted)
        .map_err(|err| UnexpectedError::with_source("counting deleted push tokens", err))
}

/// `PushTokenRepository`. A registration locks its session row first (`FOR UPDATE` on
/// PostgreSQL), so it and a revocation of that session happen one after the other: a token
/// registered first is deleted by the revocation, and a session revoked first gets no token.
/// Registrations of one token then take turns on the token (an advisory lock on PostgreSQL),
/// so the second one deletes the row the first stored instead of colliding with it. On SQLite
/// the writer transaction does both. Every path that ends a session deletes its tokens itself
/// (see the session and account repositories).
#[doc(hidden)]
#[macro_export]
macro_rules! __push_token_repository {
    ($dialect:ident, $store:ty, $name:ident) => {
        $crate::__adapter_struct!(
            $store,
            $name,
            "Stores FCM tokens, one per session (`PushTokenRepository`)."
        );

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::accounts::AccountId;
            use $crate::__private::account_domain::auth::SessionId;
            use $crate::__private::account_domain::push::{PushToken, PushTokenRepository};
            use $crate::__private::account_domain::values::FcmToken;
            use $crate::__private::chrono::{DateTime, Utc};
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel::result::Error as DieselError;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::db_error;
            use $crate::repositories::push_tokens::deleted_count;
            use $crate::rows::{NewPushTokenRow, PushTokenRow};
            use $crate::schema::{push_tokens, sessions};
            use $crate::time::StoredTime;

            #[$crate::__private::async_trait::async_trait]
            impl PushTokenRepository for $name {
                /// A session revoked before the registration got its lock stores nothing (its
                /// tokens are gone with it); the token is returned all the same, as the port has
                /// no error for a session that ended while the request ran.
                async fn register(
                    &self,
                    account: AccountId,
                    session: SessionId,
                    token: &FcmToken,
                    now: DateTime<Utc>,
                ) -> Result<PushToken, UnexpectedError> {
                    let new_row = NewPushTokenRow::new(account, session, token, now);
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, DieselError, async |c| {
                        let live: Option<i64> = $crate::__lock_for_update!(
                            $dialect,
                            sessions::table
                                .find(session.0)
                                .filter(sessions::account_id.eq(account.0))
                                .filter(sessions::revoked_at.is_null())
                                .select(sessions::id)
                        )
                        .get_result(c)
                        .await
                        .optional()?;
                        if live.is_none() {
                            return Ok(());
                        }
                        $crate::__serialize_on_key!(
                            $dialect,
                            &mut *c,
                            &format!("push_tokens:{}", token.as_str())
                        )?;
                        $crate::__private::diesel::delete(
                            push_tokens::table.filter(
                                push_tokens::token
                                    .eq(token.as_str())
                                    .or(push_tokens::session_id.eq(session.0)),
                            ),
                        )
                        .execute(c)
                        .await?;
                        $crate::__private::diesel::insert_into(push_tokens::table)
                            .values(&new_row)
                            .execute(c)
                            .await?;
                        Ok(())
                    })
                    .map_err(db_error("registering a push token"))?;
                    Ok(PushToken {
                        account_id: account,
                        session_id: session,
                        token: token.clone(),
                        registered_at: now,
                    })
                }

                async fn remove_for_session(
                    &self,
                    session: SessionId,
                ) -> Result<u64, UnexpectedError> {
                    let mut conn = self.store.writer().await?;
                    let deleted = $crate::__private::diesel::delete(
                        push_tokens::table.filter(push_tokens::session_id.eq(session.0)),
                    )
                    .execute(&mut *conn)
                    .await
                    .map_err(db_error("removing the push token of a session"))?;
                    deleted_count(deleted)
                }

                async fn list_for_account(
                    &self,
                    account: AccountId,
                    now: DateTime<Utc>,
                ) -> Result<Vec<PushToken>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    push_tokens::table
                        .inner_join(sessions::table)
                        .filter(push_tokens::account_id.eq(account.0))
                        .filter(sessions::revoked_at.is_null())
                        .filter(sessions::expires_at.gt(StoredTime(now)))
                        .order((push_tokens::created_at.desc(), push_tokens::id.desc()))
                        .select(PushTokenRow::as_select())
                        .load(&mut *conn)
                        .await
                        .map_err(db_error("listing the push tokens of an account"))?
                        .into_iter()
                        .map(PushTokenRow::into_domain)
                        .collect()
                }
            }
        };
    };
}
