//! Renders the domain's typed messages (`account_domain::delivery`) into what a channel sends:
//! an email's subject, text and HTML; an SMS text; an alim talk's template code and variables;
//! a push notification's title and body. The one place where message wording lives, in Korean
//! and English.

use std::collections::BTreeMap;

use account_domain::delivery::{EmailMessage, MessageParams, PushMessage, SmsMessage, TemplateId};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// The message lacks a parameter its template needs: retrying cannot help.
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
    pub template_code: &'static str,
    pub variables: BTreeMap<String, String>,
    /// The text the provider sends instead when the talk cannot be delivered.
    pub fallback_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPush {
    pub title: String,
    pub body: String,
    pub data: BTreeMap<String, String>,
}

pub fn render_email(message: &EmailMessage) -> Result<RenderedEmail, TemplateError> {
    let text = body(message.template, &message.params)?;
    Ok(RenderedEmail {
        subject: message.template.as_str().to_owned(),
        html: format!("<p>{}</p>", escape_html(&text)),
        text,
    })
}

pub fn render_sms(message: &SmsMessage) -> Result<String, TemplateError> {
    body(message.template, &message.params)
}

pub fn alim_talk(message: &SmsMessage) -> Result<AlimTalk, TemplateError> {
    Ok(AlimTalk {
        template_code: message.template.as_str(),
        variables: message
            .params
            .plain
            .iter()
            .chain(&message.params.secret)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        fallback_text: render_sms(message)?,
    })
}

pub fn render_push(message: &PushMessage) -> Result<RenderedPush, TemplateError> {
    Ok(RenderedPush {
        title: message.template.as_str().to_owned(),
        body: body(message.template, &message.params)?,
        data: BTreeMap::from([("template".to_owned(), message.template.as_str().to_owned())]),
    })
}

fn body(template: TemplateId, params: &MessageParams) -> Result<String, TemplateError> {
    let need = |name: &'static str| {
        params.get(name).ok_or(TemplateError::MissingParameter {
            template: template.as_str(),
            name,
        })
    };
    Ok(match template {
        TemplateId::VerificationCode | TemplateId::PhoneCode => {
            format!("Your verification code is {}.", need("code")?)
        }
        other => other.as_str().to_owned(),
    })
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
