use account_domain::accounts::AccountId;
use account_domain::notifications::NotificationSettings;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::schema::notification_settings;
use crate::time::StoredTime;

/// An account's notification switches, written whole.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = notification_settings)]
#[diesel(primary_key(account_id))]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct NotificationSettingsRow {
    pub account_id: i64,
    pub is_device_muted: bool,
    pub is_device_alim_talk_enabled: bool,
    pub is_basestation_alert_enabled: bool,
    pub updated_at: StoredTime,
}

impl NotificationSettingsRow {
    pub fn new(account: AccountId, settings: &NotificationSettings, now: DateTime<Utc>) -> Self {
        Self {
            account_id: account.0,
            is_device_muted: settings.is_device_muted,
            is_device_alim_talk_enabled: settings.is_device_alim_talk_enabled,
            is_basestation_alert_enabled: settings.is_basestation_alert_enabled,
            updated_at: StoredTime(now),
        }
    }

    pub fn into_domain(self) -> NotificationSettings {
        NotificationSettings {
            is_device_muted: self.is_device_muted,
            is_device_alim_talk_enabled: self.is_device_alim_talk_enabled,
            is_basestation_alert_enabled: self.is_basestation_alert_enabled,
        }
    }
}
