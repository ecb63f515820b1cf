//! Every store path that ends a session deletes its push token in the same transaction.

use account_domain::auth::RotateOutcome;
use account_domain::store::Repositories;
use chrono::Duration;

use super::{another_session, holds_a_token, register, tokens_of};
use crate::contract::fixtures::{
    logged_in, refresh_token, registered, rotated, secs, t0, withdrawn,
};
use crate::contract::fixtures::{revoke_all_sessions, revoke_session};

pub async fn logging_out_deletes_the_token_of_the_session(repos: &Repositories) {
    let leaving = logged_in(repos, "logout@example.com", "d1").await;
    let staying = another_session(repos, leaving.account_id, "d2").await;
    let stranger = registered(repos, "stranger@example.com").await;
    register(repos, &leaving, "leaving", t0() + secs(1)).await;
    register(repos, &staying, "staying", t0() + secs(1)).await;

    assert!(!revoke_session(repos, stranger.id, leaving.id, t0() + secs(2)).await);
    assert_eq!(
        tokens_of(repos, leaving.account_id, t0() + secs(2))
            .await
            .len(),
        2,
        "a refused revocation deletes nothing"
    );

    assert!(revoke_session(repos, leaving.account_id, leaving.id, t0() + secs(3)).await);
    assert!(!holds_a_token(repos, leaving.id).await);
    assert_eq!(
        tokens_of(repos, leaving.account_id, t0() + secs(4)).await,
        vec![(staying.id, "staying".to_owned())]
    );
}

pub async fn revoke_all_deletes_the_tokens_of_the_revoked_sessions(repos: &Repositories) {
    let account = registered(repos, "everywhere@example.com").await;
    let bystander = logged_in(repos, "bystander@example.com", "other").await;
    register(repos, &bystander, "bystander", t0() + secs(1)).await;
    let mut sessions = Vec::new();
    for digest in ["d1", "d2", "d3"] {
        let session = another_session(repos, account.id, digest).await;
        register(repos, &session, digest, t0() + secs(1)).await;
        sessions.push(session);
    }
    let kept = &sessions[1];

    assert_eq!(
        revoke_all_sessions(repos, account.id, Some(kept.id), t0() + secs(2)).await,
        2
    );
    assert!(!holds_a_token(repos, sessions[0].id).await);
    assert!(!holds_a_token(repos, sessions[2].id).await);
    assert_eq!(
        tokens_of(repos, account.id, t0() + secs(3)).await,
        vec![(kept.id, "d2".to_owned())]
    );

    revoke_all_sessions(repos, account.id, None, t0() + secs(4)).await;
    assert!(!holds_a_token(repos, kept.id).await);
    assert_eq!(
        tokens_of(repos, bystander.account_id, t0() + secs(5)).await,
        vec![(bystander.id, "bystander".to_owned())],
        "other accounts keep theirs"
    );
}

pub async fn reuse_detection_deletes_the_token_of_the_family(repos: &Repositories) {
    let family = logged_in(repos, "reused@example.com", "t1").await;
    let other = another_session(repos, family.account_id, "o1").await;
    register(repos, &family, "family", t0() + secs(1)).await;
    register(repos, &other, "other", t0() + secs(1)).await;
    let grace = Duration::seconds(10);
    let rotate = |presented: &'static str, next: &'static str, at| async move {
        rotated(
            repos,
            presented,
            &refresh_token(next, t0() + Duration::days(2)),
            at,
            grace,
        )
        .await
        .expect("rotate")
    };

    assert!(matches!(
        rotate("t1", "t2", t0() + secs(60)).await,
        RotateOutcome::Rotated(_)
    ));
    assert!(matches!(
        rotate("t1", "t2", t0() + secs(61)).await,
        RotateOutcome::GraceReplay(_)
    ));
    assert_eq!(
        tokens_of(repos, family.account_id, t0() + secs(62))
            .await
            .len(),
        2,
        "rotation and grace replay keep the token"
    );

    assert_eq!(
        rotate("t1", "t2", t0() + secs(120)).await,
        RotateOutcome::ReuseDetected
    );
    assert!(!holds_a_token(repos, family.id).await);
    assert_eq!(
        tokens_of(repos, family.account_id, t0() + secs(121)).await,
        vec![(other.id, "other".to_owned())],
        "other sessions keep theirs"
    );
}

pub async fn soft_delete_deletes_every_token_of_the_account(repos: &Repositories) {
    let phone = logged_in(repos, "deleting@example.com", "d1").await;
    let tablet = another_session(repos, phone.account_id, "d2").await;
    let bystander = logged_in(repos, "bystander@example.com", "d3").await;
    for (session, token) in [
        (&phone, "phone"),
        (&tablet, "tablet"),
        (&bystander, "other"),
    ] {
        register(repos, session, token, t0() + secs(1)).await;
    }

    assert!(withdrawn(repos, phone.account_id, t0() + secs(2)).await);
    assert!(!holds_a_token(repos, phone.id).await);
    assert!(!holds_a_token(repos, tablet.id).await);
    assert_eq!(
        tokens_of(repos, bystander.account_id, t0() + secs(3)).await,
        vec![(bystander.id, "other".to_owned())]
    );
}
