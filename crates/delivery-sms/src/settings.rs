use std::fmt;
use std::time::Duration;

/// NHN Cloud's SMS domain (Notification > SMS > API v3.0).
pub const DEFAULT_SMS_BASE_URL: &str = "https://api-sms.cloud.toast.com";
/// NHN Cloud's KakaoTalk Bizmessage domain (AlimTalk > API v2.3).
pub const DEFAULT_ALIMTALK_BASE_URL: &str = "https://api-alimtalk.cloud.toast.com";

/// What the adapter needs to reach NHN Cloud. SMS and KakaoTalk Bizmessage are two NHN Cloud
/// services, each with its own app key and secret key. `Debug` hides the secret keys.
#[derive(Clone)]
pub struct NhnCloudSmsSettings {
    /// Scheme and host of the SMS API, no trailing slash ([`DEFAULT_SMS_BASE_URL`]).
    pub sms_base_url: String,
    pub sms_app_key: String,
    /// Sent as `X-Secret-Key` on SMS calls.
    pub sms_secret_key: String,
    /// The sender number registered in the SMS console (`sendNo`, also the alim talk
    /// fallback's `resendSendNo`), digits only.
    pub send_no: String,
    /// Scheme and host of the alim talk API, no trailing slash ([`DEFAULT_ALIMTALK_BASE_URL`]).
    pub alimtalk_base_url: String,
    pub alimtalk_app_key: String,
    /// Sent as `X-Secret-Key` on alim talk calls.
    pub alimtalk_secret_key: String,
    /// The KakaoTalk channel's sender key (`senderKey`, 40 characters).
    pub sender_key: String,
    /// Title of a text too long for one SMS (sent as LMS); at most 40 bytes.
    pub long_message_title: String,
    /// Whole-request timeout (connect, send, answer).
    pub timeout: Duration,
}

impl NhnCloudSmsSettings {
    /// Settings against NHN Cloud's public domains with a 10-second timeout.
    pub fn new(
        sms_app_key: impl Into<String>,
        sms_secret_key: impl Into<String>,
        send_no: impl Into<String>,
        alimtalk_app_key: impl Into<String>,
        alimtalk_secret_key: impl Into<String>,
        sender_key: impl Into<String>,
    ) -> Self {
        Self {
            sms_base_url: DEFAULT_SMS_BASE_URL.to_owned(),
            sms_app_key: sms_app_key.into(),
            sms_secret_key: sms_secret_key.into(),
            send_no: send_no.into(),
            alimtalk_base_url: DEFAULT_ALIMTALK_BASE_URL.to_owned(),
            alimtalk_app_key: alimtalk_app_key.into(),
            alimtalk_secret_key: alimtalk_secret_key.into(),
            sender_key: sender_key.into(),
            long_message_title: "Notice".to_owned(),
            timeout: Duration::from_secs(10),
        }
    }
}

impl fmt::Debug for NhnCloudSmsSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NhnCloudSmsSettings")
            .field("sms_base_url", &self.sms_base_url)
            .field("sms_app_key", &self.sms_app_key)
            .field("sms_secret_key", &"<hidden>")
            .field("send_no", &self.send_no)
            .field("alimtalk_base_url", &self.alimtalk_base_url)
            .field("alimtalk_app_key", &self.alimtalk_app_key)
            .field("alimtalk_secret_key", &"<hidden>")
            .field("sender_key", &self.sender_key)
            .field("long_message_title", &self.long_message_title)
            .field("timeout", &self.timeout)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_both_secret_keys() {
        let settings = NhnCloudSmsSettings::new(
            "sms-app",
            "sms-secret-1",
            "15446859",
            "talk-app",
            "talk-secret-2",
            "sender-key",
        );
        let shown = format!("{settings:?}");
        assert!(
            shown.contains("sms-app") && shown.contains("talk-app"),
            "{shown}"
        );
        assert!(!shown.contains("sms-secret-1"), "{shown}");
        assert!(!shown.contains("talk-secret-2"), "{shown}");
    }
}
