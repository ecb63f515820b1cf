//! `UnitOfWork` and `StoreTransaction`: all of a unit of work or nothing, and each operation
//! doing exactly what its contract says.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::auth::SessionEnding;
use account_domain::store::{Repositories, transact};

use super::fixtures::{logged_in, new_session, refresh_token, registered, secs, t0};

async fn live(repos: &Repositories, account: AccountId) -> bool {
    let found = repos.accounts.find_by_id(account).await.expect("find");
    found.is_some_and(|account| !account.is_deleted())
}

/// Why a unit of work under test stopped.
#[derive(Debug)]
enum Stop {
    ChangedMind,
    /// Shown by the failing assertion (read through `Debug` only).
    Store(#[allow(dead_code)] UnexpectedError),
}

impl From<UnexpectedError> for Stop {
    fn from(err: UnexpectedError) -> Self {
        Self::Store(err)
    }
}

pub async fn a_refused_unit_of_work_changes_nothing(repos: &Repositories) {
    let session = logged_in(repos, "refused@example.com", "uow-1").await;
    let account = session.account_id;
    let refused: Result<(), Stop> = transact(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            assert!(tx.mark_account_deleted(account, t0()).await?);
            let ending = SessionEnding::AllBut(None);
            assert_eq!(tx.revoke_sessions(account, ending, t0()).await?, 1);
            Err(Stop::ChangedMind)
        })
    })
    .await;
    assert!(matches!(refused, Err(Stop::ChangedMind)), "{refused:?}");
    assert!(live(repos, account).await, "the deletion was rolled back");
    let session = repos.sessions.find(session.id).await.expect("find");
    assert_eq!(
        session.and_then(|s| s.revoked_at),
        None,
        "so was the revocation"
    );
}

pub async fn a_unit_of_work_commits_every_change_together(repos: &Repositories) {
    let session = logged_in(repos, "committed@example.com", "uow-2").await;
    let account = session.account_id;
    let revoked = transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            tx.mark_account_deleted(account, t0() + secs(1)).await?;
            tx.revoke_sessions(account, SessionEnding::AllBut(None), t0() + secs(1))
                .await
        })
    })
    .await
    .expect("committed");
    assert_eq!(revoked, 1);
    assert!(!live(repos, account).await);
    let session = repos.sessions.find(session.id).await.expect("find");
    assert_eq!(session.and_then(|s| s.revoked_at), Some(t0() + secs(1)));
}

pub async fn operations_touch_only_what_they_name(repos: &Repositories) {
    let kept = logged_in(repos, "kept@example.com", "uow-3").await;
    let ended = repos
        .sessions
        .create(
            &new_session(kept.account_id, t0()),
            &refresh_token("uow-4", t0() + secs(3600)),
        )
        .await
        .expect("a second session")
        .id;
    let stranger = registered(repos, "stranger@example.com").await;
    let account = kept.account_id;
    let stranger_id = stranger.id;
    let (revoked, stranger_deleted, stranger_revoked) =
        transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
            Box::pin(async move {
                let keep = SessionEnding::AllBut(Some(kept.id));
                let revoked = tx.revoke_sessions(account, keep, t0() + secs(1)).await?;
                let again = tx.revoke_sessions(account, keep, t0() + secs(2)).await?;
                assert_eq!(again, 0, "an ended session is not revoked twice");
                let stranger_revoked = tx
                    .revoke_sessions(stranger_id, SessionEnding::One(kept.id), t0())
                    .await?;
                let deleted = tx.mark_account_deleted(AccountId(987_654), t0()).await?;
                Ok((revoked, deleted, stranger_revoked))
            })
        })
        .await
        .expect("committed");
    assert_eq!(revoked, 1, "only the session not kept");
    assert_eq!(
        stranger_revoked, 0,
        "a session of another account is not named"
    );
    assert!(!stranger_deleted, "an unknown account is not deleted");
    let kept = repos.sessions.find(kept.id).await.expect("find");
    assert_eq!(kept.and_then(|s| s.revoked_at), None);
    let ended = repos.sessions.find(ended).await.expect("find");
    assert_eq!(ended.and_then(|s| s.revoked_at), Some(t0() + secs(1)));
    assert!(live(repos, stranger_id).await);
}
