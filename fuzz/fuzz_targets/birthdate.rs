#![no_main]
//! `Birthdate::parse`: no panic; an accepted date lies between 1900 and today and reads back
//! from both wire forms (`yyyymmdd`, `yyyy-MM-dd`) as the same date.

use account_domain::values::Birthdate;
use account_fuzz::{text, today};
use chrono::Datelike;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Ok(date) = Birthdate::parse(raw, today()) {
        assert!(
            date.date().year() >= 1900 && date.date() <= today(),
            "{raw:?}"
        );
        assert_eq!(Birthdate::parse(&date.compact(), today()), Ok(date));
        assert_eq!(Birthdate::parse(&date.iso(), today()), Ok(date));
    }
});
