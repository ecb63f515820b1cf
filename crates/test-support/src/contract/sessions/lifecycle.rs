//! Sessions: creation, lookup, listing, revocation.

use account_domain::auth::{Session, SessionId};
use account_domain::store::Repositories;
use chrono::{DateTime, Duration, Utc};

use super::session;
use crate::contract::fixtures::{logged_in, new_session, refresh_token, registered, secs, t0};
use crate::contract::fixtures::{revoke_all_sessions, revoke_session};

pub async fn create_then_find_and_list_active(repos: &Repositories) {
    let account = registered(repos, "sessions@example.com").await;
    let other = registered(repos, "other@example.com").await;
    let create = |created_at: DateTime<Utc>, expires_at: DateTime<Utc>, digest: &'static str| {
        let mut new = new_session(account.id, created_at);
        new.expires_at = expires_at;
        let repos = repos.clone();
        async move {
            repos
                .sessions
                .create(&new, &refresh_token(digest, created_at + Duration::days(1)))
                .await
                .expect("create")
        }
    };
    let far = t0() + Duration::days(90);
    let first = create(t0(), far, "d1").await;
    let second = create(t0() + secs(10), far, "d2").await;
    create(t0() + secs(20), t0() + secs(30), "d3").await;
    let revoked = create(t0() + secs(40), far, "d4").await;
    assert!(revoke_session(repos, account.id, revoked.id, t0() + secs(50)).await);
    repos
        .sessions
        .create(&new_session(other.id, t0()), &refresh_token("d5", far))
        .await
        .expect("create");

    let expected = Session {
        id: first.id,
        account_id: account.id,
        user_agent: Some("contract-test/1".into()),
        ip: Some("203.0.113.7".into()),
        created_at: t0(),
        last_used_at: t0(),
        expires_at: far,
        revoked_at: None,
    };
    assert_eq!(first, expected);
    assert_eq!(
        repos.sessions.find(first.id).await.expect("find"),
        Some(expected)
    );
    assert_eq!(
        repos.sessions.find(SessionId(987_654)).await.expect("find"),
        None
    );

    let active = repos
        .sessions
        .list_active(account.id, t0() + secs(60))
        .await
        .expect("list");
    assert_eq!(
        active.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![second.id, first.id],
        "newest first, no expired or revoked"
    );
}

pub async fn a_session_whose_token_cannot_be_stored_is_not_created(repos: &Repositories) {
    let account = registered(repos, "atomic@example.com").await;
    let far = t0() + Duration::days(90);
    let kept = repos
        .sessions
        .create(&new_session(account.id, t0()), &refresh_token("taken", far))
        .await
        .expect("create");
    repos
        .sessions
        .create(
            &new_session(account.id, t0() + secs(1)),
            &refresh_token("taken", far),
        )
        .await
        .expect_err("a refresh token digest is stored once");
    let active = repos
        .sessions
        .list_active(account.id, t0() + secs(2))
        .await
        .expect("list");
    assert_eq!(
        active.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![kept.id],
        "no session without its token"
    );
}

pub async fn revoke_ends_only_an_own_active_session(repos: &Repositories) {
    let session = logged_in(repos, "owner@example.com", "d1").await;
    let stranger = registered(repos, "stranger@example.com").await;
    let at = t0() + secs(5);

    assert!(
        !revoke_session(repos, stranger.id, session.id, at).await,
        "not the owner"
    );
    assert!(revoke_session(repos, session.account_id, session.id, at).await);
    assert_eq!(self::session(repos, session.id).await.revoked_at, Some(at));
    assert!(
        !revoke_session(repos, session.account_id, session.id, at + secs(1)).await,
        "already revoked"
    );
    assert_eq!(
        self::session(repos, session.id).await.revoked_at,
        Some(at),
        "the first revocation stands"
    );
    assert!(!revoke_session(repos, session.account_id, SessionId(987_654), at).await);
}

pub async fn revoke_all_keeps_the_given_session(repos: &Repositories) {
    let account = registered(repos, "many@example.com").await;
    let other = logged_in(repos, "bystander@example.com", "other").await;
    let mut sessions = Vec::new();
    for digest in ["d1", "d2", "d3"] {
        let token = refresh_token(digest, t0() + Duration::days(1));
        sessions.push(
            repos
                .sessions
                .create(&new_session(account.id, t0()), &token)
                .await
                .expect("create"),
        );
    }
    let kept = sessions[1].id;

    assert_eq!(
        revoke_all_sessions(repos, account.id, Some(kept), t0() + secs(1)).await,
        2
    );
    let active = repos
        .sessions
        .list_active(account.id, t0() + secs(2))
        .await
        .expect("list");
    assert_eq!(active.iter().map(|s| s.id).collect::<Vec<_>>(), vec![kept]);
    assert_eq!(
        repos
            .sessions
            .list_active(other.account_id, t0() + secs(2))
            .await
            .expect("list")
            .len(),
        1,
        "other accounts keep theirs"
    );

    assert_eq!(
        revoke_all_sessions(repos, account.id, None, t0() + secs(3)).await,
        1
    );
    assert!(
        repos
            .sessions
            .list_active(account.id, t0() + secs(4))
            .await
            .expect("list")
            .is_empty()
    );
}

pub async fn find_with_account_reads_the_session_and_its_account_together(repos: &Repositories) {
    let account = registered(repos, "with-account@example.com").await;
    let created = repos
        .sessions
        .create(
            &new_session(account.id, t0()),
            &refresh_token("wa1", t0() + Duration::days(1)),
        )
        .await
        .expect("create");
    let found = repos
        .sessions
        .find_with_account(created.id)
        .await
        .expect("find with account");
    assert_eq!(found, Some((created.clone(), account.clone())));

    revoke_session(repos, account.id, created.id, t0() + secs(1)).await;
    let (ended, _) = repos
        .sessions
        .find_with_account(created.id)
        .await
        .expect("find with account")
        .expect("an ended session is still found");
    assert_eq!(ended.revoked_at, Some(t0() + secs(1)));
    assert_eq!(
        repos
            .sessions
            .find_with_account(SessionId(987_654))
            .await
            .expect("find with account"),
        None
    );
}
