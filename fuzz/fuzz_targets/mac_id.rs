#![no_main]
//! `MacId::parse`: no panic; an accepted id is 4 upper-case hex digits, reads back as given,
//! and is the same id written in lower case.

use account_domain::values::MacId;
use account_fuzz::{reparses, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Some(mac) = reparses(raw, MacId::parse, MacId::as_str) {
        assert_eq!(mac.as_str(), mac.as_str().to_ascii_uppercase());
        assert_eq!(MacId::parse(&mac.as_str().to_ascii_lowercase()), Ok(mac));
    }
});
