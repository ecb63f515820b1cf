//! Renders the domain's typed messages (`account_domain::delivery`) into what a channel sends:
//! an email's subject, text and HTML; an SMS text; an alim talk's template code and variables;
//! a push notification's title and body. The one place where message wording lives, in Korean
//! and English (`message.locale`); `docs/delivery/templates.md` lists the templates.
//!
//! A rendering is whole or an error: every parameter the template needs is checked before any
//! text is written ([`parameters`]), and a missing or blank one is
//! [`TemplateError::MissingParameter`].

mod alim_talk;
mod email;
mod fill;
mod wording;

use std::collections::BTreeMap;

use account_domain::delivery::{EmailMessage, Locale, PushMessage, SmsMessage};

pub use alim_talk::{AlimTalkTemplate, alim_talk_template, alim_talk_templates, template_code};
pub use email::escape_html;
pub use fill::parameters;

use fill::Values;
use wording::wording;

/// The languages every template is written in.
pub const LOCALES: [Locale; 2] = [Locale::Ko, Locale::En];

/// The size of a short SMS: 90 bytes of EUC-KR (about 45 Hangul); longer texts go as LMS.
pub const SHORT_SMS_BYTES: usize = 90;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// The message lacks a parameter its template needs (or carries it blank): retrying cannot
    /// help.
    #[error("template {template} needs the parameter {name}")]
    MissingParameter {
        template: &'static str,
        name: &'static str,
    },
}

/// An email as sent: multipart text and HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A KakaoTalk alim talk: the template registered with the provider, and its variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlimTalk {
    /// The registered template, per template and locale (`ACCT_VERIFY_CODE_KO`).
    pub template_code: &'static str,
    /// Keyed as Kakao writes variables in a template: `#{code}` → `482913`.
    pub variables: BTreeMap<String, String>,
    /// The text the provider sends instead when the talk cannot be delivered.
    pub fallback_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPush {
    pub title: String,
    pub body: String,
    /// `template`: the template's stable name (`verification_code`).
    pub data: BTreeMap<String, String>,
}

pub fn render_email(message: &EmailMessage) -> Result<RenderedEmail, TemplateError> {
    let values = Values::check(message.template, &message.params)?;
    email::render(
        wording(message.template, message.locale),
        message.locale,
        &values,
    )
}

/// One line; the code texts fit one short SMS ([`SHORT_SMS_BYTES`]).
pub fn render_sms(message: &SmsMessage) -> Result<String, TemplateError> {
    let values = Values::check(message.template, &message.params)?;
    values.fill(wording(message.template, message.locale).sms, one_line)
}

pub fn alim_talk(message: &SmsMessage) -> Result<AlimTalk, TemplateError> {
    let values = Values::check(message.template, &message.params)?;
    Ok(AlimTalk {
        template_code: template_code(message.template, message.locale),
        variables: alim_talk::variables(message.template, message.locale, |name| values.get(name))?,
        fallback_text: render_sms(message)?,
    })
}

pub fn render_push(message: &PushMessage) -> Result<RenderedPush, TemplateError> {
    let values = Values::check(message.template, &message.params)?;
    let wording = wording(message.template, message.locale);
    Ok(RenderedPush {
        title: values.fill(wording.subject, one_line)?,
        body: values.fill(wording.push, one_line)?,
        data: BTreeMap::from([("template".to_owned(), message.template.as_str().to_owned())]),
    })
}

/// The bytes `text` takes in EUC-KR, estimated: ASCII one byte, anything else two.
pub fn sms_byte_estimate(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// `value` on one line: control characters (line breaks included) become spaces, so a value
/// cannot add a header line to a subject or a second line to an SMS.
fn one_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
