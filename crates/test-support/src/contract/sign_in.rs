//! `LinkedIdentityRepository`, `PendingAuthorizationRepository` and
//! `BrowserSessionRepository`: one account per identity, both-or-neither account creation,
//! pending sign-ins taken once and never after they expire, browser sessions found by their
//! cookie's digest with their account.

use std::sync::Arc;

use account_domain::accounts::{AccountId, NewAccount, RegisterType};
use account_domain::identities::{
    CreateLinkedAccountError, ExternalIdentity, LinkIdentityError, Provider,
};
use account_domain::sign_in::{PendingAuthorization, PendingRegistration, ProviderClaims};
use account_domain::store::Repositories;
use chrono::Duration;

use super::fixtures::{new_account, new_session, registered, revoke_session, secs, t0, withdrawn};

fn google(subject: &str) -> ExternalIdentity {
    ExternalIdentity {
        provider: Provider::Google,
        subject: subject.into(),
    }
}

/// A Google sign-up: no password.
fn google_account(email_address: &str) -> NewAccount {
    NewAccount {
        password_hash: None,
        name: Some("Kim Minji".into()),
        register_type: RegisterType::Google,
        ..new_account(email_address, None)
    }
}

fn pending(state_digest: &str) -> PendingAuthorization {
    PendingAuthorization {
        state_digest: state_digest.into(),
        provider: Provider::Google,
        nonce: "nonce-1".into(),
        pkce_verifier: "verifier-1".into(),
        created_at: t0(),
        expires_at: t0() + Duration::minutes(10),
    }
}

pub async fn a_link_is_found_listed_and_verifies_the_email(repos: &Repositories) {
    let account = registered(repos, "link@example.com").await;
    assert!(!account.email_verified);
    let found = repos.identities.find_account(&google("s1")).await;
    assert_eq!(found.expect("find"), None);
    repos
        .identities
        .link(&google("s1"), account.id, true, t0() + secs(5))
        .await
        .expect("link");
    let found = repos.identities.find_account(&google("s1")).await;
    assert_eq!(found.expect("find"), Some(account.id));
    let listed = repos.identities.list_for_account(account.id).await;
    let listed = listed.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].identity, google("s1"));
    assert_eq!(listed[0].linked_at, t0() + secs(5));
    let reread = repos.accounts.find_by_id(account.id).await.expect("find");
    assert!(reread.is_some_and(|a| a.email_verified && a.updated_at == t0() + secs(5)));
    // Unverified: linked, the email left as it was.
    let other = registered(repos, "other@example.com").await;
    repos
        .identities
        .link(&google("s2"), other.id, false, t0())
        .await
        .expect("link");
    let reread = repos.accounts.find_by_id(other.id).await.expect("find");
    assert!(reread.is_some_and(|a| !a.email_verified));
}

pub async fn an_identity_links_to_one_account_only(repos: &Repositories) {
    let first = registered(repos, "first@example.com").await;
    let second = registered(repos, "second@example.com").await;
    repos
        .identities
        .link(&google("s1"), first.id, false, t0())
        .await
        .expect("link");
    let again = repos
        .identities
        .link(&google("s1"), first.id, false, t0())
        .await;
    assert!(again.is_ok(), "linking again to the same account succeeds");
    let taken = repos
        .identities
        .link(&google("s1"), second.id, true, t0())
        .await;
    assert!(matches!(taken, Err(LinkIdentityError::IdentityTaken)));
    let reread = repos.accounts.find_by_id(second.id).await.expect("find");
    assert!(
        reread.is_some_and(|a| !a.email_verified),
        "a refused link changes nothing"
    );
    let found = repos.identities.find_account(&google("s1")).await;
    assert_eq!(found.expect("find"), Some(first.id));
    let listed = repos.identities.list_for_account(second.id).await;
    assert!(listed.expect("list").is_empty());
}

pub async fn link_refuses_deleted_and_unknown_accounts(repos: &Repositories) {
    let account = registered(repos, "gone@example.com").await;
    assert!(withdrawn(repos, account.id, t0()).await);
    let deleted = repos
        .identities
        .link(&google("s1"), account.id, true, t0())
        .await;
    assert!(matches!(deleted, Err(LinkIdentityError::AccountNotFound)));
    let unknown = repos
        .identities
        .link(&google("s1"), AccountId(987_654), true, t0())
        .await;
    assert!(matches!(unknown, Err(LinkIdentityError::AccountNotFound)));
    let found = repos.identities.find_account(&google("s1")).await;
    assert_eq!(found.expect("find"), None);
}

pub async fn creating_an_account_with_its_identity_writes_both_or_neither(repos: &Repositories) {
    let created = repos
        .identities
        .create_account_with_identity(&google_account("new@example.com"), true, &google("s1"))
        .await
        .expect("create");
    assert!(created.email_verified);
    assert!(created.password_hash.is_none());
    assert_eq!(created.register_type, RegisterType::Google);
    assert_eq!(created.name.as_deref(), Some("Kim Minji"));
    let found = repos.identities.find_account(&google("s1")).await;
    assert_eq!(found.expect("find"), Some(created.id));

    // The email is taken: no account, no link.
    let taken = repos
        .identities
        .create_account_with_identity(&google_account("NEW@example.com"), false, &google("s2"))
        .await;
    assert!(matches!(taken, Err(CreateLinkedAccountError::EmailTaken)));
    let found = repos.identities.find_account(&google("s2")).await;
    assert_eq!(found.expect("find"), None);

    // The identity is linked already: the new account is rolled back, its email stays free.
    let linked = repos
        .identities
        .create_account_with_identity(&google_account("third@example.com"), false, &google("s1"))
        .await;
    assert!(matches!(
        linked,
        Err(CreateLinkedAccountError::IdentityTaken)
    ));
    let third = repos
        .accounts
        .find_by_email(&super::fixtures::email("third@example.com"))
        .await;
    assert!(third.expect("find").is_none());
}

pub async fn racing_sign_ups_of_one_identity_let_exactly_one_win(repos: &Repositories) {
    let repos = Arc::new(repos.clone());
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let repos = repos.clone();
            tokio::spawn(async move {
                repos
                    .identities
                    .create_account_with_identity(
                        &google_account(&format!("racer{i}@example.com")),
                        true,
                        &google("racer"),
                    )
                    .await
            })
        })
        .collect();
    let mut won = Vec::new();
    for task in tasks {
        match task.await.expect("task") {
            Ok(account) => won.push(account.id),
            Err(CreateLinkedAccountError::IdentityTaken) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(won.len(), 1, "exactly one sign-up wins");
    let found = repos.identities.find_account(&google("racer")).await;
    assert_eq!(found.expect("find"), Some(won[0]));
}

pub async fn a_pending_sign_in_is_taken_once(repos: &Repositories) {
    repos
        .pending_sign_ins
        .save(&pending("state-a"))
        .await
        .expect("save");
    let taken = repos.pending_sign_ins.take("state-a", t0() + secs(1)).await;
    let taken = taken.expect("take").expect("found once");
    assert_eq!(taken, pending("state-a"));
    let again = repos.pending_sign_ins.take("state-a", t0() + secs(2)).await;
    assert!(again.expect("take").is_none(), "a state is used once");
    let unknown = repos.pending_sign_ins.take("state-x", t0()).await;
    assert!(unknown.expect("take").is_none());
}

pub async fn concurrent_takes_of_one_state_give_it_once(repos: &Repositories) {
    repos
        .pending_sign_ins
        .save(&pending("state-c"))
        .await
        .expect("save");
    let repos = Arc::new(repos.clone());
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let repos = repos.clone();
            tokio::spawn(async move { repos.pending_sign_ins.take("state-c", t0()).await })
        })
        .collect();
    let mut got = 0;
    for task in tasks {
        if task.await.expect("task").expect("take").is_some() {
            got += 1;
        }
    }
    assert_eq!(got, 1);
}

pub async fn an_expired_sign_in_is_never_returned_and_is_purged(repos: &Repositories) {
    repos
        .pending_sign_ins
        .save(&pending("old"))
        .await
        .expect("save");
    repos
        .pending_sign_ins
        .save(&pending("late"))
        .await
        .expect("save");
    let expired = repos
        .pending_sign_ins
        .take("old", t0() + Duration::minutes(10))
        .await;
    assert!(expired.expect("take").is_none(), "expired at its expiry");
    let purged = repos
        .pending_sign_ins
        .purge_expired(t0() + Duration::minutes(11))
        .await;
    assert_eq!(purged.expect("purge"), 1, "only the one left");
    let late = repos.pending_sign_ins.take("late", t0()).await;
    assert!(late.expect("take").is_none(), "purged");
}

pub async fn a_pending_sign_up_is_found_until_removed_or_expired(repos: &Repositories) {
    let registration = PendingRegistration {
        token_digest: "reg-1".into(),
        claims: ProviderClaims {
            identity: google("s1"),
            email: Some("maybe@example.com".into()),
            email_verified: false,
            name: None,
            picture: Some("https://example.com/p.png".into()),
            locale: Some("ko".into()),
        },
        created_at: t0(),
        expires_at: t0() + Duration::minutes(30),
    };
    repos
        .pending_sign_ins
        .save_registration(&registration)
        .await
        .expect("save");
    let found = repos
        .pending_sign_ins
        .find_registration("reg-1", t0() + secs(1))
        .await;
    assert_eq!(found.expect("find"), Some(registration.clone()));
    let again = repos
        .pending_sign_ins
        .find_registration("reg-1", t0())
        .await;
    assert!(again.expect("find").is_some(), "finding does not use it up");
    let expired = repos
        .pending_sign_ins
        .find_registration("reg-1", t0() + Duration::minutes(30))
        .await;
    assert!(expired.expect("find").is_none());
    repos
        .pending_sign_ins
        .remove_registration("reg-1")
        .await
        .expect("remove");
    let removed = repos
        .pending_sign_ins
        .find_registration("reg-1", t0())
        .await;
    assert!(removed.expect("find").is_none());
}

pub async fn a_browser_session_is_found_by_its_cookie_with_its_account(repos: &Repositories) {
    let account = registered(repos, "browser@example.com").await;
    let session = repos
        .browser_sessions
        .create(&new_session(account.id, t0()), "cookie-digest-1")
        .await
        .expect("create");
    let found = repos
        .browser_sessions
        .find_with_account("cookie-digest-1")
        .await
        .expect("find")
        .expect("found");
    assert_eq!(found.0, session);
    assert_eq!(found.1.id, account.id);
    let listed = repos.sessions.list_active(account.id, t0()).await;
    assert!(
        listed.expect("list").iter().any(|s| s.id == session.id),
        "a browser session is a session like any other"
    );
    assert!(revoke_session(repos, account.id, session.id, t0() + secs(1)).await);
    let ended = repos
        .browser_sessions
        .find_with_account("cookie-digest-1")
        .await
        .expect("find")
        .expect("found");
    assert_eq!(ended.0.revoked_at, Some(t0() + secs(1)));
    let unknown = repos.browser_sessions.find_with_account("other").await;
    assert!(unknown.expect("find").is_none());
}
