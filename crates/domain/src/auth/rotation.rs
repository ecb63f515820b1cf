use chrono::{DateTime, Duration, Utc};

use super::ending::{SessionEnding, end_sessions};
use super::model::{NewRefreshToken, RotateOutcome, Session};
use crate::UnexpectedError;
use crate::security_events::{self, SecurityEvent};
use crate::store::StoreTransaction;

/// A presented refresh token as stored, with what rotation needs to know of its successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresentedToken {
    pub expires_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
    /// Its successor exists and has not been rotated itself.
    pub successor_unused: bool,
}

/// What presenting a known refresh token does ([`rotate_refresh_token`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotationStep {
    /// Expired token or inactive family.
    Invalid,
    /// Current token: spend it and store the successor.
    Rotate,
    /// Spent within the grace window and its successor still unused: hand out the same.
    GraceReplay,
    /// Spent token presented again otherwise: revoke the family.
    RevokeFamily,
}

/// A rotated token is judged by its rotation, whatever its own expiry: a spent token that
/// comes back is reuse, also after it would have expired.
pub fn rotation_step(
    token: &PresentedToken,
    family_active: bool,
    now: DateTime<Utc>,
    grace: Duration,
) -> RotationStep {
    if !family_active {
        return RotationStep::Invalid;
    }
    match token.rotated_at {
        None if token.expires_at <= now => RotationStep::Invalid,
        None => RotationStep::Rotate,
        Some(rotated_at) if now - rotated_at <= grace && token.successor_unused => {
            RotationStep::GraceReplay
        }
        Some(_) => RotationStep::RevokeFamily,
    }
}

/// A stored refresh token's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RefreshTokenId(pub i64);

/// A presented refresh token as the store holds it, with its session.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRefreshToken {
    pub id: RefreshTokenId,
    pub session: Session,
    pub state: PresentedToken,
}

/// What presenting a refresh token does, in the caller's transaction: the token (with digest
/// `presented`) and its session are locked and judged ([`rotation_step`]); a current token is
/// spent and `successor` stored; a spent one presented again within `grace` while its
/// successor is unused changes nothing (the client lost the answer); otherwise a spent token
/// is reuse, and its whole family ends ([`end_sessions`]); reuse is a security event
/// (`refresh_token_reused`, with the account and session ids).
pub async fn rotate_refresh_token(
    tx: &mut dyn StoreTransaction,
    presented: &str,
    successor: &NewRefreshToken,
    now: DateTime<Utc>,
    grace: Duration,
) -> Result<RotateOutcome, UnexpectedError> {
    let Some(token) = tx.lock_refresh_token(presented).await? else {
        return Ok(RotateOutcome::Invalid);
    };
    let session = token.session;
    Ok(
        match rotation_step(&token.state, session.is_active(now), now, grace) {
            RotationStep::Invalid => RotateOutcome::Invalid,
            RotationStep::GraceReplay => RotateOutcome::GraceReplay(session),
            RotationStep::RevokeFamily => {
                let family = SessionEnding::One(session.id);
                end_sessions(tx, session.account_id, family, now).await?;
                security_events::record(&SecurityEvent::RefreshTokenReused {
                    account: session.account_id,
                    session: session.id,
                });
                RotateOutcome::ReuseDetected
            }
            RotationStep::Rotate => {
                let spent = tx
                    .spend_refresh_token(token.id, session.id, successor, now)
                    .await?;
                RotateOutcome::Rotated(spent)
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use mockall::predicate::eq;
    use tracing::Level;

    use super::*;
    use crate::accounts::AccountId;
    use crate::auth::SessionId;
    use crate::security_events::capture::{SecurityLog, capture};
    use crate::store::MockStoreTransaction;
    use crate::testing::{session, t0};

    const GRACE: Duration = Duration::seconds(10);

    fn current() -> PresentedToken {
        PresentedToken {
            expires_at: t0() + Duration::days(1),
            rotated_at: None,
            successor_unused: false,
        }
    }

    fn spent(successor_unused: bool) -> PresentedToken {
        PresentedToken {
            rotated_at: Some(t0()),
            successor_unused,
            ..current()
        }
    }

    #[test]
    fn a_current_token_rotates_until_it_expires() {
        assert_eq!(
            rotation_step(&current(), true, t0(), GRACE),
            RotationStep::Rotate
        );
        assert_eq!(
            rotation_step(&current(), true, t0() + Duration::days(1), GRACE),
            RotationStep::Invalid
        );
    }

    #[test]
    fn a_spent_token_replays_within_grace_while_its_successor_is_unused() {
        assert_eq!(
            rotation_step(&spent(true), true, t0() + GRACE, GRACE),
            RotationStep::GraceReplay
        );
        assert_eq!(
            rotation_step(&spent(false), true, t0(), GRACE),
            RotationStep::RevokeFamily
        );
        let after_grace = t0() + GRACE + Duration::microseconds(1);
        assert_eq!(
            rotation_step(&spent(true), true, after_grace, GRACE),
            RotationStep::RevokeFamily
        );
    }

    #[test]
    fn nothing_is_valid_in_an_inactive_family() {
        assert_eq!(
            rotation_step(&current(), false, t0(), GRACE),
            RotationStep::Invalid
        );
        assert_eq!(
            rotation_step(&spent(true), false, t0(), GRACE),
            RotationStep::Invalid
        );
    }

    /// A store transaction holding a spent token of session 5 of account 1, rotated
    /// `rotated_ago` before `t0()`, whose successor is unused.
    fn holding_spent(rotated_ago: Duration) -> MockStoreTransaction {
        let mut tx = MockStoreTransaction::new();
        tx.expect_lock_refresh_token().return_once(move |_| {
            Ok(Some(StoredRefreshToken {
                id: RefreshTokenId(7),
                session: session(5, 1),
                state: PresentedToken {
                    rotated_at: Some(t0() - rotated_ago),
                    successor_unused: true,
                    ..current()
                },
            }))
        });
        tx
    }

    /// Presents the token at `t0()`, capturing the security events.
    async fn present(
        tx: &mut MockStoreTransaction,
    ) -> (Result<RotateOutcome, UnexpectedError>, SecurityLog) {
        let successor = NewRefreshToken {
            token_digest: "next".into(),
            expires_at: t0() + Duration::days(1),
        };
        capture(rotate_refresh_token(tx, "old", &successor, t0(), GRACE)).await
    }

    #[tokio::test]
    async fn reuse_is_a_security_event_with_the_account_and_session() {
        let mut tx = holding_spent(GRACE + Duration::seconds(1));
        tx.expect_revoke_sessions()
            .with(
                eq(AccountId(1)),
                eq(SessionEnding::One(SessionId(5))),
                eq(t0()),
            )
            .times(1)
            .returning(|_, _, _| Ok(1));
        tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
        let (outcome, log) = present(&mut tx).await;
        assert_eq!(outcome.ok(), Some(RotateOutcome::ReuseDetected));
        log.only("refresh_token_reused")
            .assert_has(Level::WARN, &[("account_id", "1"), ("session_id", "5")]);
    }

    #[tokio::test]
    async fn a_replay_within_grace_is_no_event() {
        let mut tx = holding_spent(GRACE);
        let (outcome, log) = present(&mut tx).await;
        assert!(matches!(outcome, Ok(RotateOutcome::GraceReplay(_))));
        assert!(log.events().is_empty(), "{:?}", log.events());
    }
}
