//! The parameters each template takes, and filling `{name}` placeholders with them: every
//! parameter is checked before any text is written, so a rendering is whole or an error.

use account_domain::delivery::{MessageParams, TemplateId};

use crate::TemplateError;

/// The parameters `template` needs, as `TemplateId` documents them. A message lacking one (or
/// carrying it empty) does not render.
pub fn parameters(template: TemplateId) -> &'static [&'static str] {
    match template {
        TemplateId::VerificationCode | TemplateId::PhoneCode => &["code", "minutes"],
        TemplateId::PasswordReset | TemplateId::EmailVerification => &["link", "code", "minutes"],
        TemplateId::Welcome => &["name"],
        TemplateId::PasswordChanged | TemplateId::AccountWithdrawn => &[],
        TemplateId::PhoneChanged => &["masked_phone"],
        TemplateId::DeviceClaimed => &["child_name", "device_alias"],
        TemplateId::PushNotice | TemplateId::PushMarketing => &["title", "body"],
    }
}

/// A template's parameters, all present and non-blank.
pub(crate) struct Values<'a> {
    template: TemplateId,
    params: &'a MessageParams,
}

impl<'a> Values<'a> {
    /// Fails on the first parameter of `template` that `params` lacks or carries blank.
    pub(crate) fn check(
        template: TemplateId,
        params: &'a MessageParams,
    ) -> Result<Self, TemplateError> {
        let values = Self { template, params };
        for name in parameters(template) {
            values.get(name)?;
        }
        Ok(values)
    }

    pub(crate) fn get(&self, name: &'static str) -> Result<&'a str, TemplateError> {
        self.params
            .get(name)
            .filter(|value| !value.trim().is_empty())
            .ok_or(TemplateError::MissingParameter {
                template: self.template.as_str(),
                name,
            })
    }

    /// `text` with each `{name}` replaced by `escape(value)`.
    pub(crate) fn fill(
        &self,
        text: &'static str,
        escape: impl Fn(&str) -> String,
    ) -> Result<String, TemplateError> {
        substitute(text, |name| self.get(name).map(&escape))
    }
}

/// `text` with each `{name}` replaced by what `value` gives for it; the first error stops it.
pub(crate) fn substitute<E>(
    text: &'static str,
    mut value: impl FnMut(&'static str) -> Result<String, E>,
) -> Result<String, E> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some((before, name, after)) = next_placeholder(rest) {
        out.push_str(before);
        out.push_str(&value(name)?);
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// The names of the placeholders in `text`, in order.
pub(crate) fn placeholders(text: &'static str) -> Vec<&'static str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some((_, name, after)) = next_placeholder(rest) {
        names.push(name);
        rest = after;
    }
    names
}

/// The text before the first `{name}` in `text`, the name, and the text after it.
fn next_placeholder(text: &'static str) -> Option<(&'static str, &'static str, &'static str)> {
    let open = text.find('{')?;
    let close = open + text[open..].find('}')?;
    Some((&text[..open], &text[open + 1..close], &text[close + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_in_order_and_the_rest_is_kept() {
        let params = MessageParams::new()
            .plain("name", "Kim")
            .secret("code", "123456");
        let values = Values::check(TemplateId::Welcome, &params).unwrap();
        let filled = values.fill("Hi {name}, {code}!", str::to_owned);
        assert_eq!(filled, Ok("Hi Kim, 123456!".to_owned()));
        assert_eq!(placeholders("a {x} b {y}"), ["x", "y"]);
        assert_eq!(placeholders("none"), Vec::<&str>::new());
    }

    #[test]
    fn an_unknown_or_blank_parameter_is_missing() {
        let params = MessageParams::new().plain("name", "  ");
        let missing = TemplateError::MissingParameter {
            template: "welcome",
            name: "name",
        };
        assert_eq!(
            Values::check(TemplateId::Welcome, &params).err(),
            Some(missing)
        );
        let none = MessageParams::new();
        let values = Values::check(TemplateId::PasswordChanged, &none).unwrap();
        assert_eq!(
            values.fill("{other}", str::to_owned),
            Err(TemplateError::MissingParameter {
                template: "password_changed",
                name: "other",
            })
        );
    }
}
