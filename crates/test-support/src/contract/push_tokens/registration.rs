//! Registering tokens, listing them, and races of registrations.

use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::push::PushToken;
use account_domain::store::{Repositories, transact};
use chrono::Duration;
use tokio::sync::Barrier;

use super::{another_session, holds_a_token, register, tokens_of};
use crate::contract::fixtures::revoke_session;
use crate::contract::fixtures::{logged_in, new_session, refresh_token, registered, secs, t0};
use crate::contract::lux_fixtures::fcm;

pub async fn register_stores_the_token_of_the_session(repos: &Repositories) {
    let session = logged_in(repos, "push@example.com", "d1").await;
    let at = t0() + secs(5);

    let stored = register(repos, &session, "dQw4w9WgXcQ:APA91b-token", at).await;

    let expected = PushToken {
        account_id: session.account_id,
        session_id: session.id,
        token: fcm("dQw4w9WgXcQ:APA91b-token"),
        registered_at: at,
    };
    assert_eq!(stored, expected);
    assert_eq!(
        repos
            .push_tokens
            .list_for_account(session.account_id, at)
            .await
            .expect("list"),
        vec![expected]
    );
}

pub async fn a_session_holds_one_token(repos: &Repositories) {
    let session = logged_in(repos, "renewed@example.com", "d1").await;
    register(repos, &session, "first", t0() + secs(1)).await;
    register(repos, &session, "second", t0() + secs(2)).await;

    assert_eq!(
        tokens_of(repos, session.account_id, t0() + secs(3)).await,
        vec![(session.id, "second".to_owned())],
        "the new token replaces the old one"
    );
    assert!(holds_a_token(repos, session.id).await);
    assert!(!holds_a_token(repos, session.id).await, "one row only");
}

pub async fn a_token_moves_to_the_session_that_registers_it(repos: &Repositories) {
    let before = logged_in(repos, "before@example.com", "d1").await;
    let after = logged_in(repos, "after@example.com", "d2").await;
    let sibling = another_session(repos, after.account_id, "d3").await;
    register(repos, &before, "install", t0() + secs(1)).await;

    register(repos, &after, "install", t0() + secs(2)).await;
    assert!(
        tokens_of(repos, before.account_id, t0() + secs(3))
            .await
            .is_empty(),
        "the install logged in as someone else and took its token along"
    );
    assert_eq!(
        tokens_of(repos, after.account_id, t0() + secs(3)).await,
        vec![(after.id, "install".to_owned())]
    );

    let moved = register(repos, &sibling, "install", t0() + secs(4)).await;
    assert_eq!(
        repos
            .push_tokens
            .list_for_account(after.account_id, t0() + secs(5))
            .await
            .expect("list"),
        vec![moved],
        "within one account too"
    );
    assert!(!holds_a_token(repos, before.id).await);
    assert!(!holds_a_token(repos, after.id).await);
}

pub async fn list_skips_revoked_and_expired_sessions_newest_first(repos: &Repositories) {
    let account = registered(repos, "installs@example.com").await;
    let lasting = another_session(repos, account.id, "d1").await;
    let mut short = new_session(account.id, t0());
    short.expires_at = t0() + secs(100);
    let expiring = repos
        .sessions
        .create(&short, &refresh_token("d2", t0() + Duration::days(1)))
        .await
        .expect("create");
    let newest = another_session(repos, account.id, "d3").await;
    let ended = another_session(repos, account.id, "d4").await;
    register(repos, &lasting, "lasting", t0() + secs(1)).await;
    register(repos, &expiring, "expiring", t0() + secs(2)).await;
    register(repos, &newest, "newest", t0() + secs(3)).await;
    register(repos, &ended, "ended", t0() + secs(4)).await;
    assert!(revoke_session(repos, account.id, ended.id, t0() + secs(5)).await);

    assert_eq!(
        tokens_of(repos, account.id, t0() + secs(10)).await,
        vec![
            (newest.id, "newest".to_owned()),
            (expiring.id, "expiring".to_owned()),
            (lasting.id, "lasting".to_owned()),
        ]
    );
    assert_eq!(
        tokens_of(repos, account.id, t0() + secs(100)).await,
        vec![
            (newest.id, "newest".to_owned()),
            (lasting.id, "lasting".to_owned()),
        ],
        "the expired session's token is not listed"
    );
    let account_id = account.id;
    let in_a_unit_of_work = transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move { tx.active_push_tokens(account_id, t0() + secs(100)).await })
    })
    .await
    .expect("read");
    assert_eq!(
        in_a_unit_of_work,
        repos
            .push_tokens
            .list_for_account(account.id, t0() + secs(100))
            .await
            .expect("list"),
        "a unit of work reads them as the repository does"
    );
}

pub async fn concurrent_registrations_of_one_token_keep_one(repos: &Repositories) {
    let first = registered(repos, "first@example.com").await;
    let second = registered(repos, "second@example.com").await;
    for round in 0..10 {
        let token = format!("shared-{round}");
        let sessions = [
            another_session(repos, first.id, &format!("a{round}")).await,
            another_session(repos, second.id, &format!("b{round}")).await,
        ];
        let start = Arc::new(Barrier::new(2));
        let racers = sessions.clone().map(|session| {
            let (repos, start, token) = (repos.clone(), start.clone(), fcm(&token));
            tokio::spawn(async move {
                start.wait().await;
                repos
                    .push_tokens
                    .register(session.account_id, session.id, &token, t0() + secs(1))
                    .await
            })
        });
        for racer in racers {
            racer
                .await
                .expect("the task completes")
                .unwrap_or_else(|err| panic!("round {round}: {err:?}"));
        }
        let mut holders = Vec::new();
        for account in [first.id, second.id] {
            holders.extend(
                tokens_of(repos, account, t0() + secs(2))
                    .await
                    .into_iter()
                    .filter(|(_, held)| *held == token)
                    .map(|(session, _)| session),
            );
        }
        assert_eq!(
            holders.len(),
            1,
            "round {round}: one session holds the token"
        );
        assert!(sessions.iter().any(|s| s.id == holders[0]));
    }
}

pub async fn a_registration_racing_a_revocation_leaves_no_token_behind(repos: &Repositories) {
    let account = registered(repos, "leaving@example.com").await;
    for round in 0..10 {
        let session = another_session(repos, account.id, &format!("d{round}")).await;
        let start = Arc::new(Barrier::new(2));
        let registering = {
            let (repos, start, session) = (repos.clone(), start.clone(), session.clone());
            tokio::spawn(async move {
                start.wait().await;
                repos
                    .push_tokens
                    .register(account.id, session.id, &fcm("racing"), t0() + secs(1))
                    .await
            })
        };
        let revoking = {
            let (repos, start) = (repos.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                revoke_session(&repos, account.id, session.id, t0() + secs(1)).await
            })
        };
        registering
            .await
            .expect("the task completes")
            .unwrap_or_else(|err| panic!("round {round}: {err:?}"));
        let was_active = revoking.await.expect("the task completes");
        assert!(was_active, "round {round}");
        assert!(
            !holds_a_token(repos, session.id).await,
            "round {round}: a revoked session holds no token"
        );
    }
}

pub async fn remove_token_deletes_the_token_whoever_holds_it(repos: &Repositories) {
    let first = logged_in(repos, "gone@example.com", "d1").await;
    let second = another_session(repos, first.account_id, "d2").await;
    register(repos, &first, "unregistered", t0() + secs(1)).await;
    register(repos, &second, "still-here", t0() + secs(2)).await;

    let removed = repos
        .push_tokens
        .remove_token(&fcm("unregistered"))
        .await
        .expect("remove");
    assert_eq!(removed, 1);
    assert_eq!(
        tokens_of(repos, first.account_id, t0() + secs(3)).await,
        vec![(second.id, "still-here".to_owned())]
    );
    let again = repos
        .push_tokens
        .remove_token(&fcm("unregistered"))
        .await
        .expect("remove");
    assert_eq!(again, 0, "nothing left to remove");
}
