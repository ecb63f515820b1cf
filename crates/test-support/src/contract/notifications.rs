//! `NotificationSettingsRepository`: nothing stored until the first save, then replaced whole.

use account_domain::accounts::AccountId;
use account_domain::notifications::NotificationSettings;
use account_domain::store::Repositories;

use super::fixtures::{registered, secs, t0};
use crate::contract::fixtures::withdrawn;

pub async fn settings_are_not_stored_until_saved(repos: &Repositories) {
    let account = registered(repos, "quiet@example.com").await;
    assert_eq!(
        repos.notifications.find(account.id).await.expect("find"),
        None
    );
    assert_eq!(
        repos
            .notifications
            .find(AccountId(987_654))
            .await
            .expect("find"),
        None
    );
}

pub async fn save_stores_and_replaces_the_settings(repos: &Repositories) {
    let account = registered(repos, "alerts@example.com").await;
    let other = registered(repos, "other@example.com").await;
    let all_on = NotificationSettings {
        is_device_muted: true,
        is_device_alim_talk_enabled: true,
        is_basestation_alert_enabled: true,
    };
    assert!(
        repos
            .notifications
            .save(account.id, &all_on, t0() + secs(1))
            .await
            .expect("save")
    );
    assert_eq!(
        repos.notifications.find(account.id).await.expect("find"),
        Some(all_on)
    );

    let some_on = NotificationSettings {
        is_device_muted: false,
        is_device_alim_talk_enabled: true,
        is_basestation_alert_enabled: false,
    };
    assert!(
        repos
            .notifications
            .save(account.id, &some_on, t0() + secs(2))
            .await
            .expect("save")
    );
    assert_eq!(
        repos.notifications.find(account.id).await.expect("find"),
        Some(some_on)
    );
    assert!(
        repos
            .notifications
            .save(account.id, &NotificationSettings::default(), t0() + secs(3))
            .await
            .expect("save")
    );
    assert_eq!(
        repos.notifications.find(account.id).await.expect("find"),
        Some(NotificationSettings::default()),
        "saved defaults are stored"
    );
    assert_eq!(
        repos.notifications.find(other.id).await.expect("find"),
        None,
        "other accounts are untouched"
    );
}

pub async fn save_refuses_deleted_and_unknown_accounts(repos: &Repositories) {
    let account = registered(repos, "gone@example.com").await;
    assert!(withdrawn(repos, account.id, t0() + secs(1)).await);
    let muted = NotificationSettings {
        is_device_muted: true,
        ..NotificationSettings::default()
    };
    for id in [account.id, AccountId(987_654)] {
        assert!(
            !repos
                .notifications
                .save(id, &muted, t0() + secs(2))
                .await
                .expect("save")
        );
        assert_eq!(repos.notifications.find(id).await.expect("find"), None);
    }
}
