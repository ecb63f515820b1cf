#![no_main]
//! `SearchText::parse` (the admin account search): no panic; what it accepts, lower-cased and
//! trimmed, it accepts again unchanged.

use account_domain::admin::SearchText;
use account_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Some(search) = SearchText::parse(raw) {
        assert_eq!(
            SearchText::parse(search.as_str()).as_ref(),
            Some(&search),
            "{raw:?}"
        );
    }
});
