use std::fmt;

use account_domain::secrets::{SecretDigester, SecretGenerator};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::key::{KeyTooShort, check_key};
use crate::random;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of randomness in a token (256 bits).
const TOKEN_BYTES: usize = 32;
/// Labels that derive independent keys from the server secret.
const DIGEST_LABEL: &[u8] = b"account-crypto/v1/digest";
const SUCCESSOR_LABEL: &[u8] = b"account-crypto/v1/successor";

/// Secrets from the operating system's CSPRNG (`getrandom`) (the [`SecretGenerator`]), with
/// digests and successor tokens keyed by HMAC-SHA256 under two keys derived from one server
/// secret (the [`SecretDigester`]).
///
/// The methods panic only if the operating system cannot provide random bytes at all; no
/// safe fallback exists then.
#[derive(Clone)]
pub struct OsSecretGenerator {
    /// Keyed with `HMAC(secret, DIGEST_LABEL)`; cloned for each digest.
    digest_mac: HmacSha256,
    /// Keyed with `HMAC(secret, SUCCESSOR_LABEL)`.
    successor_mac: HmacSha256,
}

impl OsSecretGenerator {
    /// `secret_key` (at least 32 bytes) keys every digest: changing it orphans every stored
    /// token and code digest.
    pub fn new(secret_key: &[u8]) -> Result<Self, KeyTooShort> {
        check_key(secret_key)?;
        let derive = |label: &[u8]| -> Result<HmacSha256, KeyTooShort> {
            let subkey = hmac(secret_key)?
                .chain_update(label)
                .finalize()
                .into_bytes();
            hmac(&subkey)
        };
        Ok(Self {
            digest_mac: derive(DIGEST_LABEL)?,
            successor_mac: derive(SUCCESSOR_LABEL)?,
        })
    }
}

fn hmac(key: &[u8]) -> Result<HmacSha256, KeyTooShort> {
    // HMAC takes keys of any length; the error cannot happen.
    HmacSha256::new_from_slice(key).map_err(|_| KeyTooShort { got: key.len() })
}

fn os_random(buf: &mut [u8]) {
    if let Err(error) = random::fill(buf) {
        panic!("{error}");
    }
}

impl SecretGenerator for OsSecretGenerator {
    fn random_token(&self) -> String {
        let mut bytes = [0u8; TOKEN_BYTES];
        os_random(&mut bytes);
        random::base64url(&bytes)
    }

    /// Each digit comes from one random byte below 250 (a multiple of 10); bytes of 250 and
    /// above are drawn again, so every digit is exactly uniform.
    fn numeric_code(&self, digits: u32) -> String {
        let wanted = digits as usize;
        let mut code = String::with_capacity(wanted);
        let mut pool = [0u8; 32];
        while code.len() < wanted {
            os_random(&mut pool);
            for byte in pool.iter().copied().filter(|b| *b < 250) {
                if code.len() == wanted {
                    break;
                }
                code.push(char::from(b'0' + byte % 10));
            }
        }
        code
    }

    fn random_hex(&self, bytes: usize) -> String {
        let mut buf = vec![0u8; bytes];
        os_random(&mut buf);
        hex(&buf)
    }

    /// Each character comes from the low five bits of one random byte: 256 is a multiple of
    /// 32, so every character is exactly uniform.
    fn text_code(&self, chars: u32) -> String {
        let wanted = chars as usize;
        let mut code = String::with_capacity(wanted);
        let mut pool = [0u8; 32];
        while code.len() < wanted {
            os_random(&mut pool);
            for byte in pool.iter().take(wanted - code.len()) {
                code.push(char::from(CROCKFORD[usize::from(byte & 0x1f)]));
            }
        }
        code
    }
}

/// Crockford's base32 alphabet.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl SecretDigester for OsSecretGenerator {
    fn digest(&self, secret: &str) -> String {
        let tag = self
            .digest_mac
            .clone()
            .chain_update(secret.as_bytes())
            .finalize()
            .into_bytes();
        hex(&tag)
    }

    /// 32 bytes, like a random token, so a successor looks like any other token.
    fn successor_token(&self, token: &str) -> String {
        let tag = self
            .successor_mac
            .clone()
            .chain_update(token.as_bytes())
            .finalize()
            .into_bytes();
        random::base64url(&tag)
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

impl fmt::Debug for OsSecretGenerator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OsSecretGenerator { .. }")
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn generator() -> OsSecretGenerator {
        OsSecretGenerator::new(KEY).unwrap()
    }

    fn is_base64url(s: &str) -> bool {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }

    #[test]
    fn rejects_a_short_key() {
        assert_eq!(
            OsSecretGenerator::new(&KEY[..31]).unwrap_err(),
            KeyTooShort { got: 31 }
        );
    }

    #[test]
    fn random_hex_is_lower_case_hex_of_the_asked_length_and_never_repeats() {
        let secrets = generator();
        let ids: HashSet<String> = (0..100).map(|_| secrets.random_hex(32)).collect();
        assert_eq!(ids.len(), 100);
        for id in &ids {
            assert_eq!(id.len(), 64, "{id}");
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            );
        }
    }

    #[test]
    fn tokens_carry_256_bits_in_url_safe_form() {
        let secrets = generator();
        let tokens: HashSet<String> = (0..100).map(|_| secrets.random_token()).collect();
        assert_eq!(tokens.len(), 100);
        for token in &tokens {
            assert_eq!(token.len(), 43, "{token}");
            assert!(is_base64url(token), "{token}");
        }
    }

    #[test]
    fn codes_have_the_asked_length_and_every_digit_in_every_place() {
        let secrets = generator();
        assert_eq!(secrets.numeric_code(0), "");
        let mut counts = [[0u32; 10]; 6];
        for _ in 0..2000 {
            let code = secrets.numeric_code(6);
            assert_eq!(code.len(), 6, "{code}");
            for (place, digit) in code.bytes().enumerate() {
                assert!(digit.is_ascii_digit(), "{code}");
                counts[place][usize::from(digit - b'0')] += 1;
            }
        }
        // 200 expected per cell; 100 is more than 7 standard deviations away.
        for place in counts {
            for count in place {
                assert!((100..=300).contains(&count), "{counts:?}");
            }
        }
        assert_eq!(secrets.numeric_code(40).len(), 40);
    }

    #[test]
    fn text_codes_use_every_crockford_character_and_nothing_else() {
        let secrets = generator();
        assert_eq!(secrets.text_code(0), "");
        assert_eq!(secrets.text_code(50).len(), 50);
        let mut counts = [0u32; 32];
        for _ in 0..640 {
            let code = secrets.text_code(10);
            assert_eq!(code.len(), 10, "{code}");
            for c in code.bytes() {
                let place = CROCKFORD.iter().position(|a| *a == c);
                counts[place.unwrap_or_else(|| panic!("{code}"))] += 1;
            }
        }
        // 200 expected per character; 100 is more than 7 standard deviations away.
        assert!(counts.iter().all(|n| (100..=300).contains(n)), "{counts:?}");
    }

    #[test]
    fn leading_zeros_are_kept() {
        let secrets = generator();
        let leading_zero = (0..2000)
            .map(|_| secrets.numeric_code(6))
            .any(|c| c.starts_with('0'));
        assert!(leading_zero);
    }

    #[test]
    fn digest_is_stable_hex_and_keyed() {
        let secrets = generator();
        let digest = secrets.digest("123456");
        assert_eq!(digest, secrets.digest("123456"));
        assert_eq!(digest.len(), 64);
        assert!(
            digest
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_ne!(digest, secrets.digest("123457"));
        let other = OsSecretGenerator::new(b"another key of at least 32 bytes!!").unwrap();
        assert_ne!(digest, other.digest("123456"));
    }

    #[test]
    fn successor_is_deterministic_token_shaped_and_unlike_digest() {
        let secrets = generator();
        let token = secrets.random_token();
        let successor = secrets.successor_token(&token);
        assert_eq!(successor, secrets.successor_token(&token));
        assert_ne!(successor, token);
        assert_eq!(successor.len(), 43);
        assert!(is_base64url(&successor));
        assert_ne!(secrets.successor_token(&successor), successor);
        // A different derived key: the successor cannot be computed from the stored digest.
        assert_ne!(hex(&random_decode(&successor)), secrets.digest(&token));
        let other = OsSecretGenerator::new(b"another key of at least 32 bytes!!").unwrap();
        assert_ne!(other.successor_token(&token), successor);
    }

    fn random_decode(s: &str) -> Vec<u8> {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(s)
            .unwrap()
    }

    #[test]
    fn debug_hides_the_keys() {
        assert_eq!(format!("{:?}", generator()), "OsSecretGenerator { .. }");
    }
}
