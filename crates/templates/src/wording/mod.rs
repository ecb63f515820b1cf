//! What each template says, per locale. Texts hold `{name}` placeholders for the parameters
//! `fill::parameters` lists; the channels' renderers fill and lay them out.

mod en;
mod ko;

use account_domain::delivery::{Locale, TemplateId};

/// One template's wording in one language.
pub(crate) struct Wording {
    /// The email's subject and the push notification's title.
    pub subject: &'static str,
    /// The email's body, top to bottom.
    pub email: &'static [Block],
    /// The SMS, the alim talk's text and its fallback SMS: one short line.
    pub sms: &'static str,
    /// The push notification's body.
    pub push: &'static str,
}

/// A part of an email's body.
pub(crate) enum Block {
    Paragraph(&'static str),
    /// The `code` parameter, set apart so it is easy to read and copy.
    Code,
    /// A button to the `link` parameter (the only link an email may carry), with its label;
    /// the address itself follows as text.
    Link(&'static str),
    /// What to do if it was not you, in smaller print.
    Note(&'static str),
}

/// Common to every email of a locale.
pub(crate) struct EmailFrame {
    /// Shown under the link button: the address in full, for mail readers without buttons.
    pub link_intro: &'static str,
    pub footer: &'static str,
}

/// Every template in one language: a language lacking one does not compile.
pub(crate) struct Language {
    pub frame: EmailFrame,
    pub verification_code: Wording,
    pub email_verification: Wording,
    pub phone_code: Wording,
    pub password_reset: Wording,
    pub welcome: Wording,
    pub password_changed: Wording,
    pub phone_changed: Wording,
    pub account_withdrawn: Wording,
    pub device_claimed: Wording,
    pub push_notice: Wording,
    pub push_marketing: Wording,
}

fn language(locale: Locale) -> &'static Language {
    match locale {
        Locale::Ko => &ko::KO,
        Locale::En => &en::EN,
    }
}

pub(crate) fn wording(template: TemplateId, locale: Locale) -> &'static Wording {
    let language = language(locale);
    match template {
        TemplateId::VerificationCode => &language.verification_code,
        TemplateId::EmailVerification => &language.email_verification,
        TemplateId::PhoneCode => &language.phone_code,
        TemplateId::PasswordReset => &language.password_reset,
        TemplateId::Welcome => &language.welcome,
        TemplateId::PasswordChanged => &language.password_changed,
        TemplateId::PhoneChanged => &language.phone_changed,
        TemplateId::AccountWithdrawn => &language.account_withdrawn,
        TemplateId::DeviceClaimed => &language.device_claimed,
        TemplateId::PushNotice => &language.push_notice,
        TemplateId::PushMarketing => &language.push_marketing,
    }
}

pub(crate) fn frame(locale: Locale) -> &'static EmailFrame {
    &language(locale).frame
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::LOCALES;
    use crate::fill::{parameters, placeholders};

    /// The subject and the body of the email.
    fn email_texts(wording: &Wording) -> Vec<&'static str> {
        let mut texts = vec![wording.subject];
        for block in wording.email {
            match block {
                Block::Paragraph(text) | Block::Note(text) => texts.push(text),
                Block::Code => texts.push("{code}"),
                Block::Link(label) => texts.extend([*label, "{link}"]),
            }
        }
        texts
    }

    fn texts(wording: &Wording) -> Vec<&'static str> {
        let mut texts = email_texts(wording);
        texts.extend([wording.sms, wording.push]);
        texts
    }

    #[test]
    fn every_placeholder_is_a_parameter_of_its_template() {
        for template in TemplateId::ALL {
            for locale in LOCALES {
                for text in texts(wording(template, locale)) {
                    for name in placeholders(text) {
                        assert!(
                            parameters(template).contains(&name),
                            "{template:?} {locale:?}: `{{{name}}}` in {text:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_parameter_is_in_the_email_and_the_sms_says_what_matters() {
        for template in TemplateId::ALL {
            for locale in LOCALES {
                let wording = wording(template, locale);
                let email: BTreeSet<&str> = email_texts(wording)
                    .into_iter()
                    .flat_map(placeholders)
                    .collect();
                let wanted: BTreeSet<&str> = parameters(template).iter().copied().collect();
                assert_eq!(email, wanted, "{template:?} {locale:?}");
                // The SMS carries every parameter but the link (too long for one message).
                let sms: BTreeSet<&str> = placeholders(wording.sms).into_iter().collect();
                let short: BTreeSet<&str> = wanted.into_iter().filter(|p| *p != "link").collect();
                assert_eq!(sms, short, "{template:?} {locale:?}");
            }
        }
    }

    #[test]
    fn only_the_emailed_link_templates_carry_a_link_and_only_code_templates_a_code_block() {
        for template in TemplateId::ALL {
            for locale in LOCALES {
                let blocks = wording(template, locale).email;
                let links = blocks
                    .iter()
                    .filter(|b| matches!(b, Block::Link(_)))
                    .count();
                let codes = blocks.iter().filter(|b| matches!(b, Block::Code)).count();
                let wants_link = parameters(template).contains(&"link");
                assert_eq!(links, usize::from(wants_link), "{template:?} {locale:?}");
                let wants_code = parameters(template).contains(&"code");
                assert_eq!(codes, usize::from(wants_code), "{template:?} {locale:?}");
            }
        }
    }
}
