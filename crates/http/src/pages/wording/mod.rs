//! What the pages say, in Korean and English. `{email}` in a text is the address the link was
//! sent to, filled in escaped.

mod en;
mod ko;

use account_domain::delivery::Locale;
use account_domain::values::PasswordError;

/// Every text of the pages in one language: a language lacking one does not compile.
pub struct Words {
    /// The `lang` of the page.
    pub lang: &'static str,
    pub service: &'static str,

    pub reset_title: &'static str,
    pub reset_intro: &'static str,
    pub new_password: &'static str,
    pub confirm_password: &'static str,
    pub password_rules: &'static str,
    pub reset_submit: &'static str,
    pub mismatch: &'static str,
    pub too_short: &'static str,
    pub too_long: &'static str,
    pub too_common: &'static str,
    pub same_as_identifier: &'static str,
    pub reset_done_title: &'static str,
    pub reset_done_text: &'static str,

    pub unusable_title: &'static str,
    pub unusable_text: &'static str,
    pub new_link_submit: &'static str,
    pub new_link_sent_title: &'static str,
    pub new_link_sent_text: &'static str,

    pub verify_title: &'static str,
    pub verify_intro: &'static str,
    pub verify_submit: &'static str,
    pub verified_title: &'static str,
    pub verified_text: &'static str,
    pub verify_unusable_text: &'static str,

    pub throttled_title: &'static str,
    pub throttled_text: &'static str,
    pub stale_form_title: &'static str,
    pub stale_form_text: &'static str,
    pub failure_title: &'static str,
    pub failure_text: &'static str,
}

pub fn words(locale: Locale) -> &'static Words {
    match locale {
        Locale::Ko => &ko::KO,
        Locale::En => &en::EN,
    }
}

impl Words {
    /// The rule a refused password broke.
    pub fn password_rule(&self, error: &PasswordError) -> &'static str {
        match error {
            PasswordError::TooShort => self.too_short,
            PasswordError::TooLong => self.too_long,
            PasswordError::TooCommon => self.too_common,
            PasswordError::SameAsIdentifier => self.same_as_identifier,
        }
    }
}
