#![no_main]
//! `FcmToken::parse`: no panic; an accepted token reads back as given, and its `Debug` never
//! shows more than a short prefix of it.

use account_domain::values::FcmToken;
use account_fuzz::{reparses, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Some(token) = reparses(raw, FcmToken::parse, FcmToken::as_str) {
        let shown = format!("{token:?}");
        assert!(
            token.as_str().len() <= 8 || !shown.contains(token.as_str()),
            "{shown}"
        );
    }
});
