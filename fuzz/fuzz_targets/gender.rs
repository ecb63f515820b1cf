#![no_main]
//! `Gender::parse`: no panic; a gender reads back from its one-letter code and, where it has
//! one, from its word.

use account_domain::values::Gender;
use account_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Ok(gender) = Gender::parse(raw) {
        assert_eq!(Gender::parse(gender.code()), Ok(gender));
        if let Some(word) = gender.word() {
            assert_eq!(Gender::parse(word), Ok(gender));
        }
    }
});
