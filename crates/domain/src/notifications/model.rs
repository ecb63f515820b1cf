/// How a root user's devices alert them. Every switch is off until the user turns it on, so an
/// account that never saved its settings has [`NotificationSettings::default`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NotificationSettings {
    /// The device is in silent mode.
    pub is_device_muted: bool,
    /// A KakaoTalk message (alim talk) when the device's electrodes lose contact.
    pub is_device_alim_talk_enabled: bool,
    /// Alerts from the base station's sensors.
    pub is_basestation_alert_enabled: bool,
}
