#![no_main]
//! `AccountName::parse` (the `/accounts` paths' display name): no panic; an accepted name reads
//! back as given, 2 to 20 characters.

use account_domain::accounts::AccountName;
use account_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Some(name) = AccountName::parse(raw) {
        assert_eq!(AccountName::parse(name.as_str()).as_ref(), Some(&name));
        let chars = name.as_str().chars().count();
        assert!((AccountName::MIN_CHARS..=AccountName::MAX_CHARS).contains(&chars));
    }
});
