//! KakaoTalk alim talks: the templates registered with Kakao (through the provider's console)
//! and the variables each message fills them with.
//!
//! A registered template is the SMS wording with each parameter written as Kakao's `#{name}`
//! variable; a message names its template by code and carries its variables keyed `#{name}`
//! too. Providers that want the whole text (Naver Cloud SENS `content`) get it filled in:
//! [`AlimTalk::content`], which equals the fallback SMS. Providers that want only the
//! variables (NHN Cloud `templateParameter`, "치환 키(#{key})") take `variables`, or
//! [`AlimTalk::bare_variables`] if their API wants the names without `#{ }`.

use std::collections::BTreeMap;
use std::convert::Infallible;

use account_domain::delivery::{Locale, TemplateId};

use crate::fill::{placeholders, substitute};
use crate::wording::wording;
use crate::{AlimTalk, TemplateError};

/// What to register with Kakao for one template in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlimTalkTemplate {
    /// Stable: messages name their template by it, so changing one means registering anew.
    pub code: &'static str,
    /// The text with `#{name}` variables.
    pub text: String,
}

/// The registered code of `template` in `locale`: 20 characters at most.
pub fn template_code(template: TemplateId, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (template, locale) {
        (TemplateId::VerificationCode, Ko) => "ACCT_VERIFY_CODE_KO",
        (TemplateId::VerificationCode, En) => "ACCT_VERIFY_CODE_EN",
        (TemplateId::EmailVerification, Ko) => "ACCT_EMAIL_VERIFY_KO",
        (TemplateId::EmailVerification, En) => "ACCT_EMAIL_VERIFY_EN",
        (TemplateId::PhoneCode, Ko) => "ACCT_PHONE_CODE_KO",
        (TemplateId::PhoneCode, En) => "ACCT_PHONE_CODE_EN",
        (TemplateId::PasswordReset, Ko) => "ACCT_PW_RESET_KO",
        (TemplateId::PasswordReset, En) => "ACCT_PW_RESET_EN",
        (TemplateId::Welcome, Ko) => "ACCT_WELCOME_KO",
        (TemplateId::Welcome, En) => "ACCT_WELCOME_EN",
        (TemplateId::PasswordChanged, Ko) => "ACCT_PW_CHANGED_KO",
        (TemplateId::PasswordChanged, En) => "ACCT_PW_CHANGED_EN",
        (TemplateId::PhoneChanged, Ko) => "ACCT_PHONE_CHG_KO",
        (TemplateId::PhoneChanged, En) => "ACCT_PHONE_CHG_EN",
        (TemplateId::AccountWithdrawn, Ko) => "ACCT_WITHDRAWN_KO",
        (TemplateId::AccountWithdrawn, En) => "ACCT_WITHDRAWN_EN",
        (TemplateId::DeviceClaimed, Ko) => "ACCT_DEVICE_CLAIM_KO",
        (TemplateId::DeviceClaimed, En) => "ACCT_DEVICE_CLAIM_EN",
        (TemplateId::PushNotice, Ko) => "ACCT_NOTICE_KO",
        (TemplateId::PushNotice, En) => "ACCT_NOTICE_EN",
        (TemplateId::PushMarketing, Ko) => "ACCT_MARKETING_KO",
        (TemplateId::PushMarketing, En) => "ACCT_MARKETING_EN",
    }
}

/// The template to register for `template` in `locale`.
pub fn alim_talk_template(template: TemplateId, locale: Locale) -> AlimTalkTemplate {
    let Ok(text) =
        substitute::<Infallible>(wording(template, locale).sms, |name| Ok(variable(name)));
    AlimTalkTemplate {
        code: template_code(template, locale),
        text,
    }
}

/// Every template to register, both languages.
pub fn alim_talk_templates() -> Vec<AlimTalkTemplate> {
    TemplateId::ALL
        .into_iter()
        .flat_map(|t| crate::LOCALES.map(|l| alim_talk_template(t, l)))
        .collect()
}

/// Kakao's name for the parameter `name`: `#{name}`.
pub(crate) fn variable(name: &str) -> String {
    format!("#{{{name}}}")
}

/// The variables of a message of `template` in `locale`, those its registered text has (a
/// link stays out of the talk), with the values `value` gives.
pub(crate) fn variables<'a>(
    template: TemplateId,
    locale: Locale,
    value: impl Fn(&'static str) -> Result<&'a str, TemplateError>,
) -> Result<BTreeMap<String, String>, TemplateError> {
    placeholders(wording(template, locale).sms)
        .into_iter()
        .map(|name| Ok((variable(name), crate::one_line(value(name)?))))
        .collect()
}

impl AlimTalk {
    /// The variables keyed by bare name (`code` → `482913`), for an API that writes the
    /// `#{ }` itself.
    pub fn bare_variables(&self) -> BTreeMap<&str, &str> {
        self.variables
            .iter()
            .map(|(key, value)| {
                let bare = key.strip_prefix("#{").and_then(|k| k.strip_suffix('}'));
                (bare.unwrap_or(key), value.as_str())
            })
            .collect()
    }

    /// The registered text with the variables filled in, for providers that take the whole
    /// text (Naver Cloud SENS); `None` for a code this crate did not issue, or a variable
    /// missing.
    pub fn content(&self) -> Option<String> {
        let (template, locale) = TemplateId::ALL
            .into_iter()
            .flat_map(|t| crate::LOCALES.map(|l| (t, l)))
            .find(|(t, l)| template_code(*t, *l) == self.template_code)?;
        substitute(wording(template, locale).sms, |name| {
            self.variables.get(&variable(name)).cloned().ok_or(())
        })
        .ok()
    }
}
