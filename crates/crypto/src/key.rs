/// Fewest bytes a signing or digest key may have (256 bits, RFC 7518 section 3.2 for HS256).
pub(crate) const MIN_KEY_BYTES: usize = 32;

/// A server secret shorter than [`MIN_KEY_BYTES`] was configured.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("secret key must be at least {MIN_KEY_BYTES} bytes, got {got}")]
pub struct KeyTooShort {
    pub got: usize,
}

/// Accepts a key of at least [`MIN_KEY_BYTES`].
pub(crate) fn check_key(key: &[u8]) -> Result<(), KeyTooShort> {
    if key.len() < MIN_KEY_BYTES {
        Err(KeyTooShort { got: key.len() })
    } else {
        Ok(())
    }
}
