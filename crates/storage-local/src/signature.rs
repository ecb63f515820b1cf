//! The signed query of an upload URL: `expires` (Unix seconds), `type` (`png`, `jpeg`, `gif`),
//! `length` (exact) or `maxLength`, and `signature`, an HMAC-SHA256 (base64url) of the key and
//! those fields, checked in constant time.

use account_domain::profile_images::{ImageType, ObjectKey, UploadLength, UploadPermit};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::DateTime;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Labels the derived key, so that it signs nothing else the service's secret keys.
const LABEL: &[u8] = b"account-service profile image upload URL v1";

pub(crate) struct UrlSigner {
    mac: HmacSha256,
}

impl UrlSigner {
    pub(crate) fn new(secret: &[u8]) -> Self {
        let mut derive = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
        derive.update(LABEL);
        let key = derive.finalize().into_bytes();
        Self {
            mac: HmacSha256::new_from_slice(&key).expect("HMAC takes any key length"),
        }
    }

    /// The query string of the upload URL for `permit`.
    pub(crate) fn query(&self, permit: &UploadPermit) -> String {
        let fields = Fields::of(permit);
        let signature = URL_SAFE_NO_PAD.encode(self.sign(&permit.key, &fields));
        format!("{}&signature={signature}", fields.query())
    }

    /// The permit `query` was signed for with `key`, if its signature is this signer's.
    pub(crate) fn open(&self, key: &ObjectKey, query: &str) -> Option<UploadPermit> {
        let (fields, signature) = Fields::parse(query)?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let mut mac = self.mac.clone();
        mac.update(&fields.message(key));
        mac.verify_slice(&signature).ok()?;
        Some(UploadPermit {
            key: key.clone(),
            image_type: fields.image_type,
            length: fields.length,
            expires_at: DateTime::from_timestamp(fields.expires, 0)?,
        })
    }

    fn sign(&self, key: &ObjectKey, fields: &Fields) -> Vec<u8> {
        let mut mac = self.mac.clone();
        mac.update(&fields.message(key));
        mac.finalize().into_bytes().to_vec()
    }
}

struct Fields {
    expires: i64,
    image_type: ImageType,
    length: UploadLength,
}

impl Fields {
    fn of(permit: &UploadPermit) -> Self {
        Self {
            expires: permit.expires_at.timestamp(),
            image_type: permit.image_type,
            length: permit.length,
        }
    }

    fn query(&self) -> String {
        let (name, value) = match self.length {
            UploadLength::Exact(n) => ("length", n),
            UploadLength::AtMost(n) => ("maxLength", n),
        };
        format!(
            "expires={}&type={}&{name}={value}",
            self.expires,
            type_name(self.image_type)
        )
    }

    /// What the signature covers: every field, and the key, one per line.
    fn message(&self, key: &ObjectKey) -> Vec<u8> {
        format!("PUT\n{}\n{}", key.as_str(), self.query()).into_bytes()
    }

    /// The fields and the signature of a query written by [`query`](Self::query) plus
    /// `&signature=...`; anything else (a field missing, repeated or unknown) is `None`.
    fn parse(query: &str) -> Option<(Self, &str)> {
        let (mut expires, mut image_type, mut length, mut signature) = (None, None, None, None);
        for pair in query.split('&') {
            let (name, value) = pair.split_once('=')?;
            let slot_taken = match name {
                "expires" => expires.replace(value.parse::<i64>().ok()?).is_some(),
                "type" => image_type.replace(parse_type(value)?).is_some(),
                "length" => length
                    .replace(UploadLength::Exact(value.parse().ok()?))
                    .is_some(),
                "maxLength" => length
                    .replace(UploadLength::AtMost(value.parse().ok()?))
                    .is_some(),
                "signature" => signature.replace(value).is_some(),
                _ => return None,
            };
            if slot_taken {
                return None;
            }
        }
        let fields = Self {
            expires: expires?,
            image_type: image_type?,
            length: length?,
        };
        Some((fields, signature?))
    }
}

fn type_name(image_type: ImageType) -> &'static str {
    match image_type {
        ImageType::Png => "png",
        ImageType::Jpeg => "jpeg",
        ImageType::Gif => "gif",
    }
}

fn parse_type(name: &str) -> Option<ImageType> {
    match name {
        "png" => Some(ImageType::Png),
        "jpeg" => Some(ImageType::Jpeg),
        "gif" => Some(ImageType::Gif),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn key(token: &str) -> ObjectKey {
        ObjectKey::parse(&format!("profile-images/7/{token}.png")).expect("key")
    }

    fn permit() -> UploadPermit {
        UploadPermit {
            key: key("TokenOfTheFirstImage"),
            image_type: ImageType::Png,
            length: UploadLength::AtMost(1000),
            expires_at: Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap(),
        }
    }

    #[test]
    fn a_signed_query_opens_to_its_permit() {
        let signer = UrlSigner::new(&[7; 32]);
        let query = signer.query(&permit());
        assert!(query.starts_with("expires=1796029200&type=png&maxLength=1000&signature="));
        assert_eq!(signer.open(&permit().key, &query), Some(permit()));
    }

    #[test]
    fn any_change_breaks_the_signature() {
        let signer = UrlSigner::new(&[7; 32]);
        let query = signer.query(&permit());
        let changed = [
            query.replace("expires=1796029200", "expires=1796029201"),
            query.replace("type=png", "type=gif"),
            query.replace("maxLength=1000", "maxLength=1001"),
            query.replace("maxLength=1000", "length=1000"),
            format!("{query}&type=png"),
            format!("{query}&extra=1"),
            query.split("&signature=").next().unwrap().to_owned(),
        ];
        for tampered in changed {
            assert_eq!(signer.open(&permit().key, &tampered), None, "{tampered}");
        }
        assert_eq!(signer.open(&key("TokenOfAnotherImage0"), &query), None);
        assert_eq!(UrlSigner::new(&[8; 32]).open(&permit().key, &query), None);
    }
}
