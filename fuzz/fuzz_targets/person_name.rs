#![no_main]
//! `PersonName::parse` and `parse_last_name`: no panic; an accepted name reads back as given;
//! a last name is "none" exactly when blank, and otherwise follows the rules of any name.

use account_domain::values::PersonName;
use account_fuzz::{reparses, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    let name = reparses(raw, PersonName::parse, PersonName::as_str);
    match PersonName::parse_last_name(raw) {
        Ok(None) => assert!(raw.trim().is_empty(), "{raw:?}"),
        Ok(Some(last)) => assert_eq!(Some(last), name),
        Err(error) => assert_eq!(PersonName::parse(raw).err(), Some(error)),
    }
});
