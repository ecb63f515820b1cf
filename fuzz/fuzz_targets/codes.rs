#![no_main]
//! The parsers of the domain's named codes (stored and query values: register types, account
//! states, audit actions, channels, consents, code purposes, locales, providers, push kinds,
//! templates, tiers): no panic, and a code reads back from its own name as itself.

use account_domain::accounts::RegisterType;
use account_domain::admin::AccountState;
use account_domain::audit::AuditAction;
use account_domain::delivery::{Locale, TemplateId};
use account_domain::identities::Provider;
use account_domain::outbox::Channel;
use account_domain::players::Tier;
use account_domain::policies::ConsentKind;
use account_domain::push::PushKind;
use account_domain::verification::CodePurpose;
use account_fuzz::text;
use libfuzzer_sys::fuzz_target;

/// `T::parse(raw)`, if accepted, gives back itself from its own name.
macro_rules! names_itself {
    ($raw:expr, $($code:ty => $name:expr),+ $(,)?) => {
        $(
            if let Some(code) = <$code>::parse($raw) {
                assert_eq!(<$code>::parse($name(&code)), Some(code), "{:?}", $raw);
            }
        )+
    };
}

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    names_itself!(raw,
        RegisterType => RegisterType::code,
        AccountState => |s: &AccountState| s.as_str(),
        AuditAction => |a: &AuditAction| a.as_str(),
        Channel => Channel::as_str,
        ConsentKind => ConsentKind::as_str,
        CodePurpose => CodePurpose::as_str,
        Provider => Provider::as_str,
        PushKind => |k: &PushKind| k.as_str(),
        TemplateId => TemplateId::as_str,
        Tier => Tier::as_str,
    );
    let locale = Locale::parse(raw);
    assert_eq!(Locale::parse(locale.as_str()), locale);
});
