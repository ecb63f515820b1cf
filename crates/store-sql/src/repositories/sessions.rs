/// `SessionRepository`. Rotation reads the presented token with its session and decides with
/// [`rotation_step`](crate::rules::rotation_step); on PostgreSQL both rows stay locked until
/// the transaction ends, so concurrent presentations of one token, or of a token and its
/// successor, are decided one after the other.
///
/// Every statement that ends sessions (revoking one, revoking all, revoking a family on reuse)
/// deletes their push tokens in the same transaction: a push token lives as long as its
/// session (`PushTokenRepository`).
#[doc(hidden)]
#[macro_export]
macro_rules! __session_repository {
    ($dialect:ident, $store:ty, $name:ident) => {
        $crate::__adapter_struct!(
            $store,
            $name,
            "Stores sessions and their refresh tokens (`SessionRepository`)."
        );

        const _: () = {
            use $crate::__private::account_domain::UnexpectedError;
            use $crate::__private::account_domain::accounts::AccountId;
            use $crate::__private::account_domain::auth::{
                NewRefreshToken, NewSession, RotateOutcome, Session, SessionId, SessionRepository,
            };
            use $crate::__private::chrono::{DateTime, Duration, Utc};
            use $crate::__private::diesel::prelude::*;
            use $crate::__private::diesel::result::Error as DieselError;
            use $crate::__private::diesel_async::RunQueryDsl;
            use $crate::ConnectionSource as _;
            use $crate::errors::db_error;
            use $crate::rows::{NewRefreshTokenRow, NewSessionRow, RefreshTokenRow, SessionRow};
            use $crate::rules::{PresentedToken, RotationStep, rotation_step};
            use $crate::schema::{push_tokens, refresh_tokens, sessions};
            use $crate::time::StoredTime;

            #[$crate::__private::async_trait::async_trait]
            impl SessionRepository for $name {
                async fn create(
                    &self,
                    session: &NewSession,
                    token: &NewRefreshToken,
                ) -> Result<Session, UnexpectedError> {
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, DieselError, async |c| {
                        let row = $crate::__private::diesel::insert_into(sessions::table)
                            .values(NewSessionRow::from_domain(session))
                            .returning(SessionRow::as_returning())
                            .get_result(c)
                            .await?;
                        $crate::__private::diesel::insert_into(refresh_tokens::table)
                            .values(NewRefreshTokenRow::new(row.id, token, session.created_at))
                            .execute(c)
                            .await?;
                        Ok(row)
                    })
                    .map(SessionRow::into_domain)
                    .map_err(db_error("creating a session"))
                }

                async fn rotate(
                    &self,
                    presented: &str,
                    successor: &NewRefreshToken,
                    now: DateTime<Utc>,
                    grace: Duration,
                ) -> Result<RotateOutcome, UnexpectedError> {
                    let at = StoredTime(now);
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, DieselError, async |c| {
                        let found: Option<(RefreshTokenRow, SessionRow)> =
                            $crate::__lock_for_update!(
                                $dialect,
                                refresh_tokens::table
                                    .inner_join(sessions::table)
                                    .filter(refresh_tokens::token_digest.eq(presented))
                                    .select((
                                        RefreshTokenRow::as_select(),
                                        SessionRow::as_select()
                                    ))
                            )
                            .get_result(c)
                            .await
                            .optional()?;
                        let Some((token, session)) = found else {
                            return Ok(RotateOutcome::Invalid);
                        };
                        let successor_unused = match token.successor_id {
                            Some(successor_id) => {
                                refresh_tokens::table
                                    .find(successor_id)
                                    .select(refresh_tokens::rotated_at.is_null())
                                    .get_result::<bool>(c)
                                    .await?
                            }
                            None => false,
                        };
                        let state = PresentedToken {
                            expires_at: token.expires_at.into(),
                            rotated_at: token.rotated_at.map(Into::into),
                            successor_unused,
                        };
                        let session_id = session.id;
                        let session = session.into_domain();
                        match rotation_step(&state, session.is_active(now), now, grace) {
                            RotationStep::Invalid => Ok(RotateOutcome::Invalid),
                            RotationStep::GraceReplay => Ok(RotateOutcome::GraceReplay(session)),
                            RotationStep::RevokeFamily => {
                                $crate::__private::diesel::update(sessions::table.find(session_id))
                                    .set(sessions::revoked_at.eq(at))
                                    .execute(c)
                                    .await?;
                                $crate::__private::diesel::delete(
                                    push_tokens::table
                                        .filter(push_tokens::session_id.eq(session_id)),
                                )
                                .execute(c)
                                .await?;
                                Ok(RotateOutcome::ReuseDetected)
                            }
                            RotationStep::Rotate => {
                                let successor_id: i64 =
                                    $crate::__private::diesel::insert_into(refresh_tokens::table)
                                        .values(NewRefreshTokenRow::new(session_id, successor, now))
                                        .returning(refresh_tokens::id)
                                        .get_result(c)
                                        .await?;
                                $crate::__private::diesel::update(
                                    refresh_tokens::table.find(token.id),
                                )
                                .set((
                                    refresh_tokens::rotated_at.eq(at),
                                    refresh_tokens::successor_id.eq(successor_id),
                                ))
                                .execute(c)
                                .await?;
                                let session = $crate::__private::diesel::update(
                                    sessions::table.find(session_id),
                                )
                                .set(sessions::last_used_at.eq(at))
                                .returning(SessionRow::as_returning())
                                .get_result(c)
                                .await?;
                                Ok(RotateOutcome::Rotated(session.into_domain()))
                            }
                        }
                    })
                    .map_err(db_error("rotating a refresh token"))
                }

                async fn find(
                    &self,
                    session: SessionId,
                ) -> Result<Option<Session>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    sessions::table
                        .find(session.0)
                        .select(SessionRow::as_select())
                        .first(&mut *conn)
                        .await
                        .optional()
                        .map(|row| row.map(SessionRow::into_domain))
                        .map_err(db_error("finding a session"))
                }

                async fn list_active(
                    &self,
                    account: AccountId,
                    now: DateTime<Utc>,
                ) -> Result<Vec<Session>, UnexpectedError> {
                    let mut conn = self.store.reader().await?;
                    sessions::table
                        .filter(sessions::account_id.eq(account.0))
                        .filter(sessions::revoked_at.is_null())
                        .filter(sessions::expires_at.gt(StoredTime(now)))
                        .order((sessions::created_at.desc(), sessions::id.desc()))
                        .select(SessionRow::as_select())
                        .load(&mut *conn)
                        .await
                        .map(|rows| rows.into_iter().map(SessionRow::into_domain).collect())
                        .map_err(db_error("listing active sessions"))
                }

                async fn revoke(
                    &self,
                    account: AccountId,
                    session: SessionId,
                    now: DateTime<Utc>,
                ) -> Result<bool, UnexpectedError> {
                    let at = StoredTime(now);
                    let mut conn = self.store.writer().await?;
                    $crate::__write_transaction!($dialect, &mut *conn, DieselError, async |c| {
                        let revoked = $crate::__private::diesel::update(
                            sessions::table
                                .find(session.0)
                                .filter(sessions::account_id.eq(account.0))
                                .filter(sessions::revoked_at.is_null())
                                .filter(sessions::expires_at.gt(at)),
                        )
                        .set(sessions::revoked_at.eq(at))
                        .execute(c)
                        .await?;
                        if revoked == 0 {
                            return Ok(false);
                        }
                        $crate::__private::diesel::delete(
                            push_tokens::table.filter(push_tokens::session_id.eq(session.0)),
                        )
                        .execute(c)
                        .await?;
                        Ok(true)
                    })
                    .map_err(db_error("revoking a session"))
                }

                /// Also deletes the push tokens of the account's sessions that expired or were
                /// revoked earlier, if any are left: none of them is `keep`.
                async fn revoke_all(
                    &self,
                    account: AccountId,
                    keep: Option<SessionId>,
                    now: DateTime<Utc>,
                ) -> Result<u64, UnexpectedError> {
                    let at = StoredTime(now);
                    let kept: Vec<i64> = keep.iter().map(|session| session.0).collect();
                    let mut conn = self.store.writer().await?;
                    let revoked = $crate::__write_transaction!(
                        $dialect,
                        &mut *conn,
                        DieselError,
                        async |c| {
                            let revoked = $crate::__private::diesel::update(
                                sessions::table
                                    .filter(sessions::account_id.eq(account.0))
                                    .filter(sessions::revoked_at.is_null())
                                    .filter(sessions::expires_at.gt(at))
                                    .filter(sessions::id.ne_all(&kept)),
                            )
                            .set(sessions::revoked_at.eq(at))
                            .execute(c)
                            .await?;
                            $crate::__private::diesel::delete(
                                push_tokens::table.filter(
                                    push_tokens::session_id.eq_any(
                                        sessions::table
                                            .filter(sessions::account_id.eq(account.0))
                                            .filter(sessions::id.ne_all(&kept))
                                            .select(sessions::id),
                                    ),
                                ),
                            )
                            .execute(c)
                            .await?;
                            Ok(revoked)
                        }
                    )
                    .map_err(db_error("revoking all sessions"))?;
                    u64::try_from(revoked).map_err(|err| {
                        UnexpectedError::with_source("counting revoked sessions", err)
                    })
                }
            }
        };
    };
}
