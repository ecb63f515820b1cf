//! `SessionTokenRepository`: header-token sessions on the session rows.

use account_domain::auth::SessionId;
use account_domain::store::Repositories;
use chrono::Duration;

use crate::contract::fixtures::{new_session, registered, revoke_all_sessions, revoke_session};
use crate::contract::fixtures::{refresh_token, secs, t0};

pub async fn a_token_session_is_found_by_its_digest_with_its_account(repos: &Repositories) {
    let account = registered(repos, "token@example.com").await;
    let mut new = new_session(account.id, t0());
    new.expires_at = t0() + Duration::minutes(30);
    let created = repos
        .session_tokens
        .create(&new, "token-digest-1")
        .await
        .expect("create");
    assert_eq!(created.account_id, account.id);
    assert_eq!(created.expires_at, t0() + Duration::minutes(30));
    assert_eq!(created.last_used_at, t0());

    let (session, owner) = repos
        .session_tokens
        .find_with_account("token-digest-1")
        .await
        .expect("find")
        .expect("found by its digest");
    assert_eq!(session, created);
    assert_eq!(owner.id, account.id);
    assert!(
        repos
            .session_tokens
            .find_with_account("token-digest-2")
            .await
            .expect("find")
            .is_none()
    );
    let refresh_session = repos
        .sessions
        .create(
            &new_session(account.id, t0()),
            &refresh_token("refresh-digest", t0() + Duration::days(1)),
        )
        .await
        .expect("a refresh-token session");
    assert!(
        repos
            .session_tokens
            .find_with_account("refresh-digest")
            .await
            .expect("find")
            .is_none(),
        "a refresh token is not a session token"
    );
    let listed = repos
        .sessions
        .list_active(account.id, t0() + secs(1))
        .await
        .expect("list");
    assert_eq!(
        listed.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![refresh_session.id, created.id],
        "listed with the account's other sessions"
    );
    let later = t0() + Duration::minutes(31);
    assert!(
        repos
            .sessions
            .list_active(account.id, later)
            .await
            .expect("list")
            .iter()
            .all(|s| s.id != created.id),
        "an idle session is not listed"
    );
}

pub async fn touching_moves_the_deadline_of_an_unrevoked_session_only(repos: &Repositories) {
    let account = registered(repos, "touch@example.com").await;
    let mut new = new_session(account.id, t0());
    new.expires_at = t0() + Duration::minutes(30);
    let first = repos
        .session_tokens
        .create(&new, "touch-1")
        .await
        .expect("create");
    let second = repos
        .session_tokens
        .create(&new, "touch-2")
        .await
        .expect("create");
    let at = t0() + Duration::minutes(10);
    let until = at + Duration::minutes(30);
    repos
        .session_tokens
        .touch(first.id, at, until)
        .await
        .expect("touch");
    let touched = find(repos, "touch-1").await;
    assert_eq!((touched.last_used_at, touched.expires_at), (at, until));

    assert!(revoke_session(repos, account.id, second.id, at).await);
    repos
        .session_tokens
        .touch(second.id, at + secs(5), until)
        .await
        .expect("touch");
    let revoked = find(repos, "touch-2").await;
    assert_eq!(revoked.revoked_at, Some(at));
    assert_eq!(
        (revoked.last_used_at, revoked.expires_at),
        (t0(), t0() + Duration::minutes(30)),
        "a revoked session keeps its times"
    );
    repos
        .session_tokens
        .touch(SessionId(987_654), at, until)
        .await
        .expect("an unknown session is no error");
}

pub async fn ending_all_sessions_ends_token_sessions_too(repos: &Repositories) {
    let account = registered(repos, "all@example.com").await;
    let new = new_session(account.id, t0());
    let kept = repos
        .session_tokens
        .create(&new, "all-1")
        .await
        .expect("create");
    repos
        .session_tokens
        .create(&new, "all-2")
        .await
        .expect("create");
    let at = t0() + secs(5);
    assert_eq!(
        revoke_all_sessions(repos, account.id, Some(kept.id), at).await,
        1
    );
    assert_eq!(find(repos, "all-1").await.revoked_at, None);
    assert_eq!(find(repos, "all-2").await.revoked_at, Some(at));
}

async fn find(repos: &Repositories, digest: &str) -> account_domain::auth::Session {
    repos
        .session_tokens
        .find_with_account(digest)
        .await
        .expect("find")
        .expect("the session exists")
        .0
}
