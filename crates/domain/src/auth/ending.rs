use chrono::{DateTime, Utc};

use super::model::SessionId;
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::store::StoreTransaction;

/// Which sessions of an account to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnding {
    /// This one session.
    One(SessionId),
    /// Every session but `keep`.
    AllBut(Option<SessionId>),
}

/// Ends the sessions `ending` names, in the caller's transaction: revokes those still active
/// and deletes their push tokens, because a push token lives as long as the session that set
/// it (no push may reach an install that logged out). When ending one session finds it not
/// active (someone else's, or ended before), nothing changes. Returns how many were revoked.
///
/// Every path that ends sessions goes through here: log-out, revoking one or all, a reused
/// refresh token, withdrawal.
pub async fn end_sessions(
    tx: &mut dyn StoreTransaction,
    account: AccountId,
    ending: SessionEnding,
    now: DateTime<Utc>,
) -> Result<u64, UnexpectedError> {
    let revoked = tx.revoke_sessions(account, ending, now).await?;
    if matches!(ending, SessionEnding::One(_)) && revoked == 0 {
        return Ok(0);
    }
    tx.delete_push_tokens(account, ending).await?;
    Ok(revoked)
}

#[cfg(test)]
mod tests {
    use mockall::predicate::eq;

    use super::*;
    use crate::store::MockStoreTransaction;
    use crate::testing::t0;

    #[tokio::test]
    async fn ending_sessions_deletes_their_push_tokens() {
        let mut tx = MockStoreTransaction::new();
        let all = SessionEnding::AllBut(Some(SessionId(3)));
        tx.expect_revoke_sessions()
            .with(eq(AccountId(1)), eq(all), eq(t0()))
            .return_once(|_, _, _| Ok(2));
        tx.expect_delete_push_tokens()
            .with(eq(AccountId(1)), eq(all))
            .times(1)
            .return_once(|_, _| Ok(2));
        assert_eq!(
            end_sessions(&mut tx, AccountId(1), all, t0()).await.ok(),
            Some(2)
        );
    }

    #[tokio::test]
    async fn a_session_that_was_not_active_keeps_everything() {
        let mut tx = MockStoreTransaction::new();
        tx.expect_revoke_sessions().return_once(|_, _, _| Ok(0));
        tx.expect_delete_push_tokens().never();
        let one = SessionEnding::One(SessionId(7));
        assert_eq!(
            end_sessions(&mut tx, AccountId(1), one, t0()).await.ok(),
            Some(0)
        );
    }

    #[tokio::test]
    async fn ending_all_sessions_clears_tokens_left_by_sessions_ended_before() {
        let mut tx = MockStoreTransaction::new();
        tx.expect_revoke_sessions().return_once(|_, _, _| Ok(0));
        tx.expect_delete_push_tokens()
            .times(1)
            .return_once(|_, _| Ok(1));
        let all = SessionEnding::AllBut(None);
        assert_eq!(
            end_sessions(&mut tx, AccountId(1), all, t0()).await.ok(),
            Some(0)
        );
    }
}
