#![no_main]
//! `Password::parse`: no panic; an accepted password reads back as given, `Debug` never shows
//! it, and it is refused as the account's own login id or email.

use account_domain::values::{Password, PasswordError};
use account_fuzz::{reparses, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    let Some(password) = reparses(raw, Password::parse, Password::expose) else {
        return;
    };
    assert_eq!(format!("{password:?}"), "Password(..)");
    let secret = password.expose();
    assert_eq!(
        password.ensure_differs_from([secret.to_ascii_uppercase().as_str()]),
        Err(PasswordError::SameAsIdentifier)
    );
    if !secret.contains('@') {
        let email = format!("{secret}@example.com");
        assert_eq!(
            password.ensure_differs_from([email.as_str()]),
            Err(PasswordError::SameAsIdentifier)
        );
    }
});
