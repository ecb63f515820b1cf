#![no_main]
//! `Role::parse` and `Roles::parse_csv`: no panic; a role reads back from its name, and a set
//! of roles from its stored form, unchanged.

use account_domain::values::{Role, Roles};
use account_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Ok(role) = Role::parse(raw) {
        assert_eq!(Role::parse(role.as_str()), Ok(role));
    }
    if let Ok(roles) = Roles::parse_csv(raw) {
        assert_eq!(Roles::parse_csv(&roles.to_csv()), Ok(roles));
    }
});
