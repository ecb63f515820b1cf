use account_domain::UnexpectedError;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Fills `buf` from the operating system's CSPRNG.
pub(crate) fn fill(buf: &mut [u8]) -> Result<(), UnexpectedError> {
    getrandom::fill(buf).map_err(|e| {
        UnexpectedError::new(format!(
            "the operating system's random number generator failed: {e}"
        ))
    })
}

/// `N` bytes from the operating system's CSPRNG.
pub(crate) fn bytes<const N: usize>() -> Result<[u8; N], UnexpectedError> {
    let mut buf = [0u8; N];
    fill(&mut buf)?;
    Ok(buf)
}

/// Base64url without padding: URL-safe and as short as possible.
pub(crate) fn base64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}
