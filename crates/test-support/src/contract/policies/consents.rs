//! Consents stored and dated; changes of deleted or unknown accounts refused.

use account_domain::accounts::AccountId;
use account_domain::policies::{ConsentKind, Policy};
use account_domain::store::Repositories;

use super::{consents_changed, history, patch, record, update, without_ids};
use crate::contract::fixtures::withdrawn;
use crate::contract::fixtures::{logged_in, registered, secs, t0};
use crate::contract::lux_fixtures::origin;

pub async fn an_account_that_never_changed_a_consent_has_no_policy(repos: &Repositories) {
    let account = registered(repos, "quiet@example.com").await;
    assert_eq!(repos.policies.find(account.id).await.expect("find"), None);
    assert_eq!(
        repos.policies.find(AccountId(987_654)).await.expect("find"),
        None
    );
    assert!(history(repos, account.id).await.is_empty());
}

pub async fn an_update_stores_the_policy_and_records_each_change(repos: &Repositories) {
    let session = logged_in(repos, "agree@example.com", "d1").await;
    let at = t0() + secs(60);

    let policy = update(repos, &session, patch(Some(true), Some(true)), at).await;

    let expected = Policy {
        account_id: session.account_id,
        is_push_agree: true,
        push_agree_date: Some(at),
        is_marketing_agree: true,
        marketing_agree_date: Some(at),
    };
    assert_eq!(policy, expected);
    assert_eq!(
        repos.policies.find(session.account_id).await.expect("find"),
        Some(expected)
    );
    assert_eq!(
        without_ids(&history(repos, session.account_id).await),
        vec![
            record(&session, ConsentKind::Push, true, at),
            record(&session, ConsentKind::Marketing, true, at),
        ]
    );
}

pub async fn repeating_a_consent_keeps_its_date_and_records_nothing(repos: &Repositories) {
    let session = logged_in(repos, "again@example.com", "d1").await;
    let agreed_at = t0() + secs(60);
    let first = update(repos, &session, patch(Some(true), None), agreed_at).await;

    let repeated = update(
        repos,
        &session,
        patch(Some(true), Some(false)),
        agreed_at + secs(60),
    )
    .await;

    assert_eq!(repeated, first);
    assert_eq!(repeated.push_agree_date, Some(agreed_at));
    assert_eq!(
        repos.policies.find(session.account_id).await.expect("find"),
        Some(first)
    );
    assert_eq!(history(repos, session.account_id).await.len(), 1);
}

pub async fn updates_of_deleted_or_unknown_accounts_write_nothing(repos: &Repositories) {
    let session = logged_in(repos, "gone@example.com", "d1").await;
    assert!(withdrawn(repos, session.account_id, t0() + secs(1)).await);
    let on = patch(Some(true), Some(true));

    for account in [session.account_id, AccountId(987_654)] {
        let updated = consents_changed(repos, account, on, origin(session.id, t0() + secs(2)))
            .await
            .expect("update");
        assert_eq!(updated, None);
        assert_eq!(repos.policies.find(account).await.expect("find"), None);
        assert!(history(repos, account).await.is_empty());
    }
}
