#![no_main]
//! `PublicAccountId::parse`: no panic; an accepted id is 64 lower-case hex characters and
//! reads back as given.

use account_domain::accounts::PublicAccountId;
use account_fuzz::{reparses, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Some(id) = reparses(raw, PublicAccountId::parse, PublicAccountId::as_str) {
        let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        assert!(
            id.as_str().len() == 64 && id.as_str().bytes().all(hex),
            "{raw:?}"
        );
    }
});
