use account_domain::notifications::NotificationSettings;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Flag, FlagForm};
use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `PATCH notification`: all three switches, each `true`/`false` or `1`/`0`.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"is_device_muted": 1, "is_device_alim_talk_enabled": 1, "is_basestation_alert_enabled": 1}))]
pub struct NotificationRequest {
    /// Silent mode of the device.
    #[schema(required = true, value_type = Flag)]
    pub is_device_muted: Option<Flag>,
    /// A KakaoTalk message when the device's electrodes lose contact.
    #[schema(required = true, value_type = Flag)]
    pub is_device_alim_talk_enabled: Option<Flag>,
    /// Alerts from the base station's sensors.
    #[schema(required = true, value_type = Flag)]
    pub is_basestation_alert_enabled: Option<Flag>,
}

/// The switches to store, and the forms they were sent in (for the answer).
#[derive(Debug)]
pub struct NotificationUpdate {
    pub settings: NotificationSettings,
    pub forms: [FlagForm; 3],
}

impl NotificationRequest {
    pub fn try_into_domain(self) -> Result<NotificationUpdate, ApiError> {
        let mut errors = FieldErrors::new();
        let mut required = |field: &'static str, flag: Option<Flag>| {
            if flag.is_none() {
                errors.add(field, format_args!("{field} is required"));
            }
            flag
        };
        let muted = required("is_device_muted", self.is_device_muted);
        let alim_talk = required(
            "is_device_alim_talk_enabled",
            self.is_device_alim_talk_enabled,
        );
        let base_station = required(
            "is_basestation_alert_enabled",
            self.is_basestation_alert_enabled,
        );
        let (Some(muted), Some(alim_talk), Some(base_station)) = (muted, alim_talk, base_station)
        else {
            return Err(errors.into());
        };
        Ok(NotificationUpdate {
            settings: NotificationSettings {
                is_device_muted: muted.value,
                is_device_alim_talk_enabled: alim_talk.value,
                is_basestation_alert_enabled: base_station.value,
            },
            forms: [muted.form, alim_talk.form, base_station.form],
        })
    }
}

/// The stored switches, each in the form it was sent in.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"is_device_muted": 1, "is_device_alim_talk_enabled": 1, "is_basestation_alert_enabled": 1}))]
pub struct NotificationResponse {
    pub is_device_muted: Flag,
    pub is_device_alim_talk_enabled: Flag,
    pub is_basestation_alert_enabled: Flag,
}

impl NotificationResponse {
    pub fn new(settings: NotificationSettings, forms: [FlagForm; 3]) -> Self {
        let [muted, alim_talk, base_station] = forms;
        Self {
            is_device_muted: Flag::new(settings.is_device_muted, muted),
            is_device_alim_talk_enabled: Flag::new(settings.is_device_alim_talk_enabled, alim_talk),
            is_basestation_alert_enabled: Flag::new(
                settings.is_basestation_alert_enabled,
                base_station,
            ),
        }
    }
}
