#![no_main]
//! `Email::parse`: no panic; an accepted address reads back as given, and its normalised form
//! is itself an address that normalises to the same.

use account_domain::values::Email;
use account_fuzz::{reparses, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Some(email) = reparses(raw, Email::parse, Email::as_str) {
        let normalized = Email::parse(&email.normalized()).expect("a normalised email parses");
        assert_eq!(normalized.normalized(), email.normalized());
    }
});
