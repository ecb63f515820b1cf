//! `StoreTransaction::set_password`: a password change of a live account, which also ends the
//! access tokens issued before it.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::store::{Repositories, transact};
use chrono::{DateTime, Utc};

use super::fixtures::{registered, secs, t0, withdrawn};

async fn set_password(repos: &Repositories, account: AccountId, at: DateTime<Utc>) -> bool {
    let changed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen = std::sync::Arc::clone(&changed);
    transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            let done = tx.set_password(account, "$argon2id$changed", at).await?;
            seen.store(done, std::sync::atomic::Ordering::SeqCst);
            Ok(())
        })
    })
    .await
    .expect("the unit of work runs");
    changed.load(std::sync::atomic::Ordering::SeqCst)
}

pub async fn a_password_change_sets_the_hash_and_the_not_before_instant(repos: &Repositories) {
    let account = registered(repos, "changes@example.com").await;
    let at = t0() + secs(30);
    assert!(set_password(repos, account.id, at).await);
    let stored = repos
        .accounts
        .find_by_id(account.id)
        .await
        .expect("read")
        .expect("the account");
    assert_eq!(stored.password_hash.as_deref(), Some("$argon2id$changed"));
    assert_eq!(stored.password_changed_at, Some(at));
    assert_eq!(stored.tokens_valid_after, at);
    assert_eq!(stored.updated_at, at);
}

pub async fn a_deleted_account_keeps_its_password(repos: &Repositories) {
    let account = registered(repos, "gone@example.com").await;
    assert!(withdrawn(repos, account.id, t0() + secs(1)).await);
    assert!(!set_password(repos, account.id, t0() + secs(30)).await);
    assert!(
        !set_password(repos, AccountId(987_654), t0()).await,
        "no such account"
    );
    let stored = repos
        .accounts
        .find_by_id(account.id)
        .await
        .expect("read")
        .expect("the account");
    assert_eq!(stored.password_hash, account.password_hash);
}
