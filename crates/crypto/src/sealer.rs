//! The outbox sealer: XChaCha20-Poly1305 under a 32-byte key from configuration, a random
//! 192-bit nonce per seal (safe to draw at random for any number of messages).
//!
//! A sealed value is `1 || nonce (24 bytes) || ciphertext || tag (16 bytes)`; the leading
//! version byte leaves room for another cipher or key later.

use std::fmt;

use account_domain::secrets::{SealError, SecretSealer};
use chacha20poly1305::aead::Aead;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};

const VERSION: u8 = 1;
const NONCE_LEN: usize = 24;

/// The key must be exactly 32 bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the outbox key must be 32 bytes, not {0}")]
pub struct SealerKeyError(pub usize);

/// Seals and opens with one key. `Debug` never shows the key.
pub struct XChaChaSealer {
    cipher: XChaCha20Poly1305,
}

impl fmt::Debug for XChaChaSealer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("XChaChaSealer { key: <hidden> }")
    }
}

impl XChaChaSealer {
    pub fn new(key: &[u8]) -> Result<Self, SealerKeyError> {
        let cipher =
            XChaCha20Poly1305::new_from_slice(key).map_err(|_| SealerKeyError(key.len()))?;
        Ok(Self { cipher })
    }
}

impl SecretSealer for XChaChaSealer {
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| SealError::Unavailable(e.to_string()))?;
        let sealed = self
            .cipher
            .encrypt(&XNonce::from(nonce), plaintext)
            .map_err(|_| SealError::Unavailable("the plaintext is too long".into()))?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        let Some((&VERSION, rest)) = sealed.split_first() else {
            return Err(SealError::Unopenable);
        };
        if rest.len() < NONCE_LEN {
            return Err(SealError::Unopenable);
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce).map_err(|_| SealError::Unopenable)?;
        self.cipher
            .decrypt(&nonce, ciphertext)
            .map_err(|_| SealError::Unopenable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(fill: u8) -> XChaChaSealer {
        XChaChaSealer::new(&[fill; 32]).unwrap()
    }

    #[test]
    fn what_is_sealed_opens_again_and_never_shows_in_clear() {
        let sealed = sealer(7).seal(b"{\"code\":\"482913\"}").unwrap();
        assert_eq!(
            sealer(7).open(&sealed).unwrap(),
            b"{\"code\":\"482913\"}".to_vec()
        );
        let shown = String::from_utf8_lossy(&sealed);
        assert!(!shown.contains("482913"), "{shown}");
        assert_eq!(sealed.len(), 1 + 24 + 17 + 16);
    }

    #[test]
    fn every_seal_is_different() {
        let s = sealer(7);
        assert_ne!(s.seal(b"482913").unwrap(), s.seal(b"482913").unwrap());
    }

    #[test]
    fn another_key_an_altered_or_a_short_value_do_not_open() {
        let mut sealed = sealer(7).seal(b"482913").unwrap();
        assert_eq!(sealer(8).open(&sealed), Err(SealError::Unopenable));
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert_eq!(sealer(7).open(&sealed), Err(SealError::Unopenable));
        assert_eq!(sealer(7).open(&[]), Err(SealError::Unopenable));
        assert_eq!(sealer(7).open(&[1, 2, 3]), Err(SealError::Unopenable));
        assert_eq!(sealer(7).open(&[9; 60]), Err(SealError::Unopenable));
    }

    #[test]
    fn the_key_is_32_bytes_and_stays_out_of_debug() {
        assert_eq!(XChaChaSealer::new(&[1; 16]).err(), Some(SealerKeyError(16)));
        assert!(!format!("{:?}", sealer(7)).contains('7'));
    }
}
