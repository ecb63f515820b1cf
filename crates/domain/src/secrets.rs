/// Random secrets: opaque tokens and numeric codes.
///
/// They are handed out once and stored only as digests (see [`SecretDigester`]).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
pub trait SecretGenerator: Send + Sync {
    /// An unguessable opaque token (at least 256 bits from a CSPRNG), URL-safe.
    fn random_token(&self) -> String;
    /// A code of `digits` decimal digits from a CSPRNG, uniformly distributed.
    fn numeric_code(&self, digits: u32) -> String;
    /// A code of `chars` characters from Crockford's base32 alphabet (`0-9`, `A-Z` without
    /// `I L O U`: nothing to misread), 5 bits each, from a CSPRNG, uniformly distributed.
    fn text_code(&self, chars: u32) -> String;
    /// `bytes` bytes from a CSPRNG, as `2 * bytes` lower-case hex characters.
    fn random_hex(&self, bytes: usize) -> String;
}

/// Keyed functions of secrets: the digests they are stored under, and successor tokens.
///
/// Tokens and codes are stored only as digests; the digest is keyed (HMAC) so that a stolen
/// table does not let anyone brute-force six-digit codes offline.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
pub trait SecretDigester: Send + Sync {
    /// The keyed digest under which a token or code is stored and looked up.
    fn digest(&self, secret: &str) -> String;
    /// The token that succeeds `token` when it is rotated: a keyed function of it, so that a
    /// client retrying a refresh within the grace window receives the same successor again.
    fn successor_token(&self, token: &str) -> String;
}

/// Seals secrets kept at rest (the secret parameters of an outbox message: a code, a link
/// token) with an authenticated cipher under a key from configuration, so that no table or
/// database file holds them in clear.
///
/// `seal` MUST give a different output for every call (a fresh nonce), and `open` MUST refuse
/// (`SealError`) anything not sealed under this key, or altered since.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
pub trait SecretSealer: Send + Sync {
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, SealError>;
    fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, SealError>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// Sealed under another key, damaged, or not sealed at all.
    #[error("sealed data cannot be opened (another key, or altered)")]
    Unopenable,
    /// No key to seal with (a store opened for maintenance only), or no randomness.
    #[error("cannot seal: {0}")]
    Unavailable(String),
}
