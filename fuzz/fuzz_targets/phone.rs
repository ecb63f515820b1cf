#![no_main]
//! `Phone::parse` and `Phone::from_stored`: no panic; an accepted number's E.164 form parses
//! to the same number and region, and reads back from a store unchanged.

use account_domain::values::Phone;
use account_fuzz::{reparses, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Some(phone) = reparses(raw, Phone::parse, Phone::as_str) {
        assert_eq!(Phone::parse(phone.as_str()).ok(), Some(phone.clone()));
        assert_eq!(Phone::from_stored(phone.as_str()).ok(), Some(phone));
    }
    if let Ok(stored) = Phone::from_stored(raw) {
        assert_eq!(Phone::from_stored(stored.as_str()).ok(), Some(stored));
    }
});
