//! `ProfileImageKeyRepository`: a key replaces the previous one on a live account only, and
//! racing replacements each get back a different previous key.

use account_domain::accounts::AccountId;
use account_domain::store::Repositories;

use super::fixtures::{new_account, secs, t0};
use crate::contract::fixtures::withdrawn;

const FIRST: &str = "profile-images/1/FirstImageToken_0000.png";
const SECOND: &str = "profile-images/1/SecondImageToken_000.gif";

pub async fn replacing_the_key_returns_the_previous_one(repos: &Repositories) {
    let account = repos
        .accounts
        .create(&new_account("image@example.com", None))
        .await
        .expect("create");
    let keys = &repos.profile_image_keys;

    let first = keys
        .replace_profile_image_key(account.id, Some(FIRST.into()), t0() + secs(10))
        .await
        .expect("replace")
        .expect("live");
    assert_eq!(first.previous, None);
    let second = keys
        .replace_profile_image_key(account.id, Some(SECOND.into()), t0() + secs(20))
        .await
        .expect("replace")
        .expect("live");
    assert_eq!(second.previous.as_deref(), Some(FIRST));
    let stored = repos
        .accounts
        .find_by_id(account.id)
        .await
        .expect("find")
        .expect("row");
    assert_eq!(
        (stored.profile_image_key.as_deref(), stored.updated_at),
        (Some(SECOND), t0() + secs(20))
    );

    let cleared = keys
        .replace_profile_image_key(account.id, None, t0() + secs(30))
        .await
        .expect("replace")
        .expect("live");
    assert_eq!(cleared.previous.as_deref(), Some(SECOND));
    let stored = repos
        .accounts
        .find_by_id(account.id)
        .await
        .expect("find")
        .expect("row");
    assert_eq!(stored.profile_image_key, None);
}

pub async fn deleted_and_unknown_accounts_get_no_key(repos: &Repositories) {
    let account = repos
        .accounts
        .create(&new_account("gone-image@example.com", None))
        .await
        .expect("create");
    let deleted_at = t0() + secs(5);
    assert!(withdrawn(repos, account.id, deleted_at).await);
    let keys = &repos.profile_image_keys;
    for id in [account.id, AccountId(987_654)] {
        let replaced = keys
            .replace_profile_image_key(id, Some(FIRST.into()), t0() + secs(10))
            .await
            .expect("replace");
        assert_eq!(replaced, None, "{id:?}");
    }
    let kept = repos
        .accounts
        .find_by_id(account.id)
        .await
        .expect("find")
        .expect("row");
    assert_eq!(
        (kept.profile_image_key, kept.updated_at),
        (None, deleted_at)
    );
}

pub async fn racing_replacements_each_see_a_different_previous_key(repos: &Repositories) {
    let account = repos
        .accounts
        .create(&new_account("racing-image@example.com", None))
        .await
        .expect("create");
    let racers = (0..8).map(|n| {
        let keys = repos.profile_image_keys.clone();
        let id = account.id;
        tokio::spawn(async move {
            let key = format!("profile-images/1/RacingImageToken_{n:03}.png");
            let replaced = keys
                .replace_profile_image_key(id, Some(key.clone()), t0() + secs(n))
                .await
                .expect("replace")
                .expect("live");
            (key, replaced.previous)
        })
    });
    let mut results = Vec::new();
    for racer in racers.collect::<Vec<_>>() {
        results.push(racer.await.expect("racer"));
    }
    // The replacements form one chain: every previous key is distinct, exactly one saw none,
    // and the key left stored is the one nobody replaced.
    let mut previous: Vec<Option<String>> = results.iter().map(|(_, p)| p.clone()).collect();
    previous.sort();
    previous.dedup();
    assert_eq!(previous.len(), results.len(), "{results:?}");
    assert_eq!(results.iter().filter(|(_, p)| p.is_none()).count(), 1);
    let stored = repos
        .accounts
        .find_by_id(account.id)
        .await
        .expect("find")
        .expect("row");
    let last = stored.profile_image_key.expect("a key");
    assert!(
        results
            .iter()
            .all(|(_, p)| p.as_deref() != Some(last.as_str()))
    );
}
