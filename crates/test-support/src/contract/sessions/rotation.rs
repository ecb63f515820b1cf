//! Refresh-token rotation: successor, grace replay, reuse detection, invalid tokens, races.

use std::sync::Arc;

use account_domain::auth::{RotateOutcome, Session};
use account_domain::store::Repositories;
use chrono::Duration;
use tokio::sync::Barrier;

use super::{GRACE, rotate, session, successor};
use crate::contract::fixtures::revoke_session;
use crate::contract::fixtures::{
    logged_in, new_session, refresh_token, registered, rotated, secs, t0,
};

pub async fn a_current_token_rotates_to_its_successor(repos: &Repositories) {
    let session = logged_in(repos, "rotate@example.com", "t1").await;
    let at = t0() + secs(60);

    let RotateOutcome::Rotated(rotated) = rotate(repos, "t1", "t2", at).await else {
        panic!("t1 is current")
    };
    assert_eq!(
        rotated,
        Session {
            last_used_at: at,
            ..session.clone()
        }
    );
    assert_eq!(self::session(repos, session.id).await.last_used_at, at);

    let later = at + secs(60);
    let outcome = rotate(repos, "t2", "t3", later).await;
    assert_eq!(
        outcome,
        RotateOutcome::Rotated(Session {
            last_used_at: later,
            ..session
        }),
        "the successor is current"
    );
}

pub async fn a_replay_within_grace_changes_nothing(repos: &Repositories) {
    let session = logged_in(repos, "grace@example.com", "t1").await;
    let rotated_at = t0() + secs(60);
    assert!(matches!(
        rotate(repos, "t1", "t2", rotated_at).await,
        RotateOutcome::Rotated(_)
    ));

    let replay = rotate(repos, "t1", "t2", rotated_at + GRACE).await;
    let unchanged = Session {
        last_used_at: rotated_at,
        ..session.clone()
    };
    assert_eq!(replay, RotateOutcome::GraceReplay(unchanged.clone()));
    assert_eq!(self::session(repos, session.id).await, unchanged);
    assert!(
        matches!(
            rotate(repos, "t2", "t3", rotated_at + GRACE + secs(1)).await,
            RotateOutcome::Rotated(_)
        ),
        "the successor still works"
    );
}

pub async fn a_replay_after_grace_revokes_the_family(repos: &Repositories) {
    let session = logged_in(repos, "reuse@example.com", "t1").await;
    let rotated_at = t0() + secs(60);
    assert!(matches!(
        rotate(repos, "t1", "t2", rotated_at).await,
        RotateOutcome::Rotated(_)
    ));

    let reused_at = rotated_at + GRACE + secs(1);
    assert_eq!(
        rotate(repos, "t1", "t2", reused_at).await,
        RotateOutcome::ReuseDetected
    );
    assert_eq!(
        self::session(repos, session.id).await.revoked_at,
        Some(reused_at)
    );
    assert_eq!(
        rotate(repos, "t2", "t3", reused_at + secs(1)).await,
        RotateOutcome::Invalid,
        "the successor died with the family"
    );
    assert_eq!(
        rotate(repos, "t1", "t2", reused_at + secs(2)).await,
        RotateOutcome::Invalid
    );
}

pub async fn a_replay_after_the_successor_was_used_revokes_the_family(repos: &Repositories) {
    let session = logged_in(repos, "chain@example.com", "t1").await;
    assert!(matches!(
        rotate(repos, "t1", "t2", t0() + secs(60)).await,
        RotateOutcome::Rotated(_)
    ));
    assert!(matches!(
        rotate(repos, "t2", "t3", t0() + secs(61)).await,
        RotateOutcome::Rotated(_)
    ));

    assert_eq!(
        rotate(repos, "t1", "t2", t0() + secs(62)).await,
        RotateOutcome::ReuseDetected,
        "within grace, but t2 is spent"
    );
    assert!(self::session(repos, session.id).await.revoked_at.is_some());
    assert_eq!(
        rotate(repos, "t3", "t4", t0() + secs(63)).await,
        RotateOutcome::Invalid
    );
}

pub async fn unknown_expired_and_revoked_tokens_are_invalid(repos: &Repositories) {
    assert_eq!(
        rotate(repos, "never-issued", "x", t0()).await,
        RotateOutcome::Invalid
    );

    logged_in(repos, "expired-token@example.com", "expiring").await;
    assert_eq!(
        rotate(repos, "expiring", "x1", t0() + Duration::days(1)).await,
        RotateOutcome::Invalid,
        "the token expired"
    );

    let revoked = logged_in(repos, "revoked@example.com", "of-revoked").await;
    assert!(revoke_session(repos, revoked.account_id, revoked.id, t0() + secs(1)).await);
    assert_eq!(
        rotate(repos, "of-revoked", "x2", t0() + secs(2)).await,
        RotateOutcome::Invalid
    );

    let account = registered(repos, "expired-family@example.com").await;
    let mut short = new_session(account.id, t0());
    short.expires_at = t0() + secs(100);
    repos
        .sessions
        .create(
            &short,
            &refresh_token("of-expired", t0() + Duration::days(1)),
        )
        .await
        .expect("create");
    assert_eq!(
        rotate(repos, "of-expired", "x3", t0() + secs(100)).await,
        RotateOutcome::Invalid,
        "the family expired"
    );
}

pub async fn concurrent_rotations_of_one_token_rotate_once(repos: &Repositories) {
    for round in 0..10 {
        let presented = format!("race-{round}");
        let session = logged_in(repos, &format!("race{round}@example.com"), &presented).await;
        let start = Arc::new(Barrier::new(2));
        let racers = [0, 1].map(|_| {
            let (repos, start, presented) = (repos.clone(), start.clone(), presented.clone());
            let next = format!("{presented}-next");
            tokio::spawn(async move {
                start.wait().await;
                rotated(
                    &repos,
                    &presented,
                    &successor(&next),
                    t0() + secs(60),
                    GRACE,
                )
                .await
            })
        });
        let (mut rotated, mut replayed) = (0, 0);
        for racer in racers {
            match racer.await.expect("the task completes").expect("rotate") {
                RotateOutcome::Rotated(s) if s.id == session.id => rotated += 1,
                RotateOutcome::GraceReplay(s) if s.id == session.id => replayed += 1,
                other => panic!("round {round}: unexpected {other:?}"),
            }
        }
        assert_eq!((rotated, replayed), (1, 1), "round {round}");
    }
}
