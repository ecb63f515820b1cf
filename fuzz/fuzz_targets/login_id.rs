#![no_main]
//! `LoginId::parse` and the log-in form's `LoginIdentifier::parse`: no panic; an accepted id
//! reads back as given, its normalised form is an id with the same normalised form, and the
//! log-in form takes it for a login id.

use account_domain::auth::LoginIdentifier;
use account_domain::values::LoginId;
use account_fuzz::{reparses, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    let identifier = LoginIdentifier::parse(raw);
    if let Some(id) = reparses(raw, LoginId::parse, LoginId::as_str) {
        let normalized = LoginId::parse(&id.normalized()).expect("a normalised id parses");
        assert_eq!(normalized.normalized(), id.normalized());
        assert_eq!(identifier, LoginIdentifier::LoginId(id));
    }
});
