#![no_main]
//! `GameNickname::parse`: no panic; an accepted nickname reads back as given, within its 50
//! bytes.

use account_domain::players::GameNickname;
use account_fuzz::{reparses, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Some(nickname) = reparses(raw, GameNickname::parse, GameNickname::as_str) {
        assert!(nickname.as_str().len() <= GameNickname::MAX_BYTES);
    }
});
