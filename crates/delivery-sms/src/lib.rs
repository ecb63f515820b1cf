//! SMS and KakaoTalk alim talk through NHN Cloud's HTTP APIs: `NhnCloudSmsSender` implements
//! the domain's `SmsSender`. `SmsKind::Sms` goes to Notification > SMS (API v3.0),
//! `SmsKind::AlimTalk` to KakaoTalk Bizmessage > AlimTalk (API v2.3) with the same text as
//! the provider's SMS fallback. Wording comes from `account-templates`; this crate only turns
//! the rendering into the provider's request and its answer into `DeliveryError`.
//! See `docs/delivery/sms.md`.

mod classify;
mod number;
mod sender;
mod settings;
mod wire;

pub use sender::{NhnCloudSmsSender, SmsSetupError};
pub use settings::{DEFAULT_ALIMTALK_BASE_URL, DEFAULT_SMS_BASE_URL, NhnCloudSmsSettings};
