use std::sync::Arc;

use super::*;
use crate::notifications::MockNotificationSettingsRepository;
use crate::testing::{clock_at, t0};

fn service(notifications: MockNotificationSettingsRepository) -> NotificationService {
    NotificationService::new(Arc::new(notifications), Arc::new(clock_at(t0())))
}

fn all_on() -> NotificationSettings {
    NotificationSettings {
        is_device_muted: true,
        is_device_alim_talk_enabled: true,
        is_basestation_alert_enabled: true,
    }
}

#[tokio::test]
async fn settings_default_to_all_off() {
    let mut notifications = MockNotificationSettingsRepository::new();
    notifications
        .expect_find()
        .withf(|a| *a == AccountId(1))
        .returning(|_| Ok(None));
    let settings = service(notifications).settings(AccountId(1)).await.unwrap();
    assert_eq!(settings, NotificationSettings::default());
    assert!(
        !settings.is_device_muted
            && !settings.is_device_alim_talk_enabled
            && !settings.is_basestation_alert_enabled
    );
}

#[tokio::test]
async fn settings_return_what_was_saved() {
    let mut notifications = MockNotificationSettingsRepository::new();
    notifications
        .expect_find()
        .returning(|_| Ok(Some(all_on())));
    assert_eq!(
        service(notifications).settings(AccountId(1)).await.unwrap(),
        all_on()
    );
}

#[tokio::test]
async fn settings_pass_store_failures_on() {
    let mut notifications = MockNotificationSettingsRepository::new();
    notifications
        .expect_find()
        .returning(|_| Err(UnexpectedError::new("db down")));
    assert!(service(notifications).settings(AccountId(1)).await.is_err());
}

#[tokio::test]
async fn update_saves_all_switches() {
    let mut notifications = MockNotificationSettingsRepository::new();
    notifications
        .expect_save()
        .withf(|a, s, now| *a == AccountId(1) && *s == all_on() && *now == t0())
        .times(1)
        .returning(|_, _, _| Ok(true));
    assert_eq!(
        service(notifications)
            .update(AccountId(1), all_on())
            .await
            .unwrap(),
        all_on()
    );
}

#[tokio::test]
async fn update_for_a_missing_account_fails() {
    let mut notifications = MockNotificationSettingsRepository::new();
    notifications.expect_save().returning(|_, _, _| Ok(false));
    let err = service(notifications)
        .update(AccountId(1), all_on())
        .await
        .unwrap_err();
    assert!(
        matches!(err, UpdateNotificationsError::AccountNotFound),
        "{err:?}"
    );
}

#[tokio::test]
async fn update_passes_store_failures_on() {
    let mut notifications = MockNotificationSettingsRepository::new();
    notifications
        .expect_save()
        .returning(|_, _, _| Err(UnexpectedError::new("db down")));
    let err = service(notifications)
        .update(AccountId(1), all_on())
        .await
        .unwrap_err();
    assert!(
        matches!(err, UpdateNotificationsError::Unexpected(_)),
        "{err:?}"
    );
}
