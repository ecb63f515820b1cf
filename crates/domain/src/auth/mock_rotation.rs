//! For tests of refresh in this and other crates: a [`MockStoreTransaction`] holding a refresh
//! token whose rotation ends with a given outcome.

use chrono::{DateTime, Duration, Utc};

use super::{
    PresentedToken, RefreshTokenId, RotateOutcome, Session, SessionEnding, StoredRefreshToken,
};
use crate::store::MockStoreTransaction;

/// Sets `tx` up so that presenting the token with digest `presented` at `now` (grace 10 s)
/// finds it in `session` and ends with `outcome`, expecting exactly the writes that outcome
/// makes: the successor with digest `successor_digest` stored, or the family ended.
pub fn expect_rotation(
    tx: &mut MockStoreTransaction,
    presented: &str,
    session: Session,
    successor_digest: &str,
    now: DateTime<Utc>,
    outcome: RotateOutcome,
) {
    let current = PresentedToken {
        expires_at: now + Duration::days(1),
        rotated_at: None,
        successor_unused: false,
    };
    let state = match &outcome {
        RotateOutcome::Rotated(_) | RotateOutcome::Invalid => current,
        RotateOutcome::GraceReplay(_) => PresentedToken {
            rotated_at: Some(now - Duration::seconds(10)),
            successor_unused: true,
            ..current
        },
        RotateOutcome::ReuseDetected => PresentedToken {
            rotated_at: Some(now - Duration::seconds(11)),
            ..current
        },
    };
    let (account, session_id) = (session.account_id, session.id);
    match &outcome {
        RotateOutcome::Rotated(spent) => {
            let (spent, successor_digest) = (spent.clone(), successor_digest.to_owned());
            tx.expect_spend_refresh_token()
                .withf(move |_, s, successor, at| {
                    *s == session_id && successor.token_digest == successor_digest && *at == now
                })
                .times(1)
                .return_once(move |_, _, _, _| Ok(spent));
        }
        RotateOutcome::ReuseDetected => {
            tx.expect_revoke_sessions()
                .withf(move |a, ending, _| {
                    *a == account && *ending == SessionEnding::One(session_id)
                })
                .times(1)
                .returning(|_, _, _| Ok(1));
            tx.expect_delete_push_tokens()
                .times(1)
                .returning(|_, _| Ok(0));
        }
        RotateOutcome::GraceReplay(_) | RotateOutcome::Invalid => {
            tx.expect_spend_refresh_token().never();
        }
    }
    let found = (outcome != RotateOutcome::Invalid).then_some(StoredRefreshToken {
        id: RefreshTokenId(7),
        session,
        state,
    });
    let presented = presented.to_owned();
    tx.expect_lock_refresh_token()
        .withf(move |digest| digest == presented)
        .times(1)
        .return_once(move |_| Ok(found));
}
