#![no_main]
//! `ObjectKey::parse` (a profile image's key in the object store): no panic; an accepted key
//! reads back as given and names an image type.

use account_domain::profile_images::ObjectKey;
use account_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(raw) = text(data) else { return };
    if let Some(key) = ObjectKey::parse(raw) {
        assert_eq!(
            ObjectKey::parse(key.as_str()).map(|k| k.image_type()),
            Some(key.image_type())
        );
        assert_eq!(key.as_str(), raw);
    }
});
