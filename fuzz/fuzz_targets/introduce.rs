#![no_main]
//! `Introduce::parse`: no panic; an accepted value reads back as given.

use account_domain::values::Introduce;
use account_fuzz::{reparses, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    reparses(raw, Introduce::parse, Introduce::as_str);
});
