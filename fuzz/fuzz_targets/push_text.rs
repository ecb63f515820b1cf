#![no_main]
//! `PushText::parse` (an admin push's title and body; the input's first line is the title, the
//! rest the body): no panic; accepted text reads back as given; refused text names its fields.

use account_domain::push::PushText;
use account_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    let (title, body) = raw.split_once('\n').unwrap_or((raw, ""));
    match PushText::parse(title, body) {
        Ok(push) => assert_eq!(PushText::parse(push.title(), push.body()), Ok(push.clone())),
        Err(fields) => assert!(!fields.is_empty()),
    }
});
