use std::collections::BTreeMap;
use std::fmt;

/// The language a message is written in: the account's locale, Korean by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    Ko,
    En,
}

impl Locale {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Ko => "ko",
            Self::En => "en",
        }
    }

    /// The language of an account's messages from its stored locale (BCP 47): English for an
    /// `en` tag, else Korean, also when the account has none.
    pub fn of_account(tag: Option<&str>) -> Self {
        tag.map_or(Self::default(), Self::parse)
    }

    /// `ko`, `en`, or a tag starting with either (`en-US`); anything else is Korean.
    pub fn parse(raw: &str) -> Self {
        if raw.trim().to_ascii_lowercase().starts_with("en") {
            Self::En
        } else {
            Self::Ko
        }
    }
}

/// Which message: each has a Korean and an English template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateId {
    /// `code` (secret), `minutes`: a code to type in (the service user account's codes).
    VerificationCode,
    /// `link` and `code` (secret), `minutes`: the email verification code, and a link to the
    /// page that confirms it.
    EmailVerification,
    /// `code` (secret), `minutes`.
    PhoneCode,
    /// `link` and `code` (secret), `minutes`.
    PasswordReset,
    /// `name`.
    Welcome,
    PasswordChanged,
    /// `masked_phone`: the new number, all but its last four digits hidden.
    PhoneChanged,
    AccountWithdrawn,
    /// `child_name`, `device_alias`.
    DeviceClaimed,
    /// `title`, `body`: a notice an operator or another service sends
    /// ([`crate::push::PushSendService`]), in its own words.
    PushNotice,
    /// `title`, `body`: a marketing message, only to accounts that agreed to marketing; the
    /// templates mark it as advertising.
    PushMarketing,
}

impl TemplateId {
    pub const ALL: [TemplateId; 11] = [
        Self::VerificationCode,
        Self::EmailVerification,
        Self::PhoneCode,
        Self::PasswordReset,
        Self::Welcome,
        Self::PasswordChanged,
        Self::PhoneChanged,
        Self::AccountWithdrawn,
        Self::DeviceClaimed,
        Self::PushNotice,
        Self::PushMarketing,
    ];

    /// The stable name stored in the outbox and written in logs.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::VerificationCode => "verification_code",
            Self::EmailVerification => "email_verification",
            Self::PhoneCode => "phone_code",
            Self::PasswordReset => "password_reset",
            Self::Welcome => "welcome",
            Self::PasswordChanged => "password_changed",
            Self::PhoneChanged => "phone_changed",
            Self::AccountWithdrawn => "account_withdrawn",
            Self::DeviceClaimed => "device_claimed",
            Self::PushNotice => "push_notice",
            Self::PushMarketing => "push_marketing",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }
}

/// The values a template fills in. Plain ones may be stored and logged; secret ones (a code, a
/// link token) are sealed at rest and never logged, and `Debug` hides them.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct MessageParams {
    pub plain: BTreeMap<String, String>,
    pub secret: BTreeMap<String, String>,
}

impl MessageParams {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn plain(mut self, name: &str, value: impl Into<String>) -> Self {
        self.plain.insert(name.to_owned(), value.into());
        self
    }

    pub fn secret(mut self, name: &str, value: impl Into<String>) -> Self {
        self.secret.insert(name.to_owned(), value.into());
        self
    }

    /// A value by name, plain or secret.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.plain
            .get(name)
            .or_else(|| self.secret.get(name))
            .map(String::as_str)
    }
}

impl fmt::Debug for MessageParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hidden: Vec<&String> = self.secret.keys().collect();
        f.debug_struct("MessageParams")
            .field("plain", &self.plain)
            .field("secret", &hidden)
            .finish()
    }
}

/// An email to one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailMessage {
    pub to: String,
    pub template: TemplateId,
    pub locale: Locale,
    pub params: MessageParams,
}

/// How a text message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsKind {
    Sms,
    /// A KakaoTalk alim talk (for accounts with `is_device_alim_talk_enabled`).
    AlimTalk,
}

/// A text message to one phone number (E.164).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsMessage {
    pub to: String,
    pub kind: SmsKind,
    pub template: TemplateId,
    pub locale: Locale,
    pub params: MessageParams,
}

/// A push notification to one installation's FCM token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushMessage {
    pub token: String,
    pub template: TemplateId,
    pub locale: Locale,
    pub params: MessageParams,
}

/// The same for every attempt at one outbox message, so a provider that honours it delivers
/// once however often the worker retries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(pub String);

impl IdempotencyKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_parameters_stay_out_of_debug_output() {
        let params = MessageParams::new()
            .plain("minutes", "10")
            .secret("code", "482913");
        let shown = format!("{params:?}");
        assert!(
            shown.contains("minutes") && shown.contains("code"),
            "{shown}"
        );
        assert!(!shown.contains("482913"), "{shown}");
        assert_eq!(params.get("code"), Some("482913"));
    }

    #[test]
    fn template_names_round_trip_and_locales_default_to_korean() {
        for template in TemplateId::ALL {
            assert_eq!(TemplateId::parse(template.as_str()), Some(template));
        }
        assert_eq!(TemplateId::parse("nope"), None);
        assert_eq!(Locale::parse("en-US"), Locale::En);
        assert_eq!(Locale::parse("ko_KR"), Locale::Ko);
        assert_eq!(Locale::parse(""), Locale::Ko);
        assert_eq!(Locale::of_account(Some("en-GB")), Locale::En);
        assert_eq!(Locale::of_account(Some("ko-KR")), Locale::Ko);
        assert_eq!(Locale::of_account(Some("fr")), Locale::Ko);
        assert_eq!(Locale::of_account(None), Locale::Ko);
    }
}
