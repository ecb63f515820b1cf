use chrono::{DateTime, Duration, Utc};

use crate::accounts::AccountId;

/// The image formats a profile image may have, by file name extension: png, jpg, jpeg, gif.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageType {
    Png,
    Jpeg,
    Gif,
}

impl ImageType {
    /// The type of a file by its name's extension (`photo.PNG` is a png), `None` for any other
    /// extension or a name without one.
    pub fn of_filename(filename: &str) -> Option<(Self, &'static str)> {
        let (_, extension) = filename.rsplit_once('.')?;
        Self::of_extension(&extension.to_ascii_lowercase())
    }

    /// The type of a lower-case extension, with the extension as objects are named with it.
    fn of_extension(extension: &str) -> Option<(Self, &'static str)> {
        match extension {
            "png" => Some((Self::Png, "png")),
            "jpg" => Some((Self::Jpeg, "jpg")),
            "jpeg" => Some((Self::Jpeg, "jpeg")),
            "gif" => Some((Self::Gif, "gif")),
            _ => None,
        }
    }

    /// The `Content-Type` an upload of this type must carry, and stored images are served with.
    pub fn content_type(&self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Gif => "image/gif",
        }
    }
}

/// The name of a profile image in its store: `profile-images/{accountId}/{token}.{extension}`.
/// The token is random (a new name for every upload, so a cached image is never stale and an
/// unused URL never overwrites a newer image); nothing of the client's file name but its
/// extension goes into it. [`parse`](Self::parse) accepts only this form, so a key read from a
/// request path cannot name anything else (`..`, another prefix, another extension).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ObjectKey(String);

impl ObjectKey {
    const PREFIX: &'static str = "profile-images/";

    /// A new key for an image of `account`; `token` is random (URL-safe characters).
    pub fn new(account: AccountId, token: &str, extension: &str) -> Option<Self> {
        Self::parse(&format!(
            "{}{}/{token}.{extension}",
            Self::PREFIX,
            account.0
        ))
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let rest = raw.strip_prefix(Self::PREFIX)?;
        let (account, file) = rest.split_once('/')?;
        let (token, extension) = file.split_once('.')?;
        let account_ok = !account.is_empty()
            && account.len() <= 19
            && account.bytes().all(|b| b.is_ascii_digit());
        let token_ok = (16..=128).contains(&token.len())
            && token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        let extension_ok = ImageType::of_extension(extension).is_some();
        (account_ok && token_ok && extension_ok).then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The image type its extension names.
    pub fn image_type(&self) -> ImageType {
        let (_, extension) = self.0.rsplit_once('.').unwrap_or_default();
        ImageType::of_extension(extension)
            .map(|(image_type, _)| image_type)
            .unwrap_or(ImageType::Png)
    }
}

/// How long an upload may be: exactly the size the client announced, or at most the cap when
/// it announced none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadLength {
    Exact(u64),
    AtMost(u64),
}

impl UploadLength {
    /// Whether a body of `length` bytes keeps to it.
    pub fn allows(&self, length: u64) -> bool {
        match *self {
            Self::Exact(exact) => length == exact,
            Self::AtMost(max) => (1..=max).contains(&length),
        }
    }

    /// The most bytes an upload may have.
    pub fn max(&self) -> u64 {
        match *self {
            Self::Exact(n) | Self::AtMost(n) => n,
        }
    }
}

/// What a signed upload URL allows: one PUT of the object `key`, with `Content-Type` of
/// `image_type` and a length `length` allows, until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadPermit {
    pub key: ObjectKey,
    pub image_type: ImageType,
    pub length: UploadLength,
    pub expires_at: DateTime<Utc>,
}

/// The limits of profile images (configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageSettings {
    /// The largest image, in bytes.
    pub max_bytes: u64,
    /// How long a signed upload URL stays valid.
    pub url_ttl: Duration,
}

impl Default for ImageSettings {
    fn default() -> Self {
        Self {
            max_bytes: 5 * 1024 * 1024,
            url_ttl: Duration::minutes(5),
        }
    }
}

/// An image as the service serves it from a store of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_png_jpg_jpeg_and_gif_are_images_whatever_the_case() {
        assert_eq!(
            ImageType::of_filename("a.png"),
            Some((ImageType::Png, "png"))
        );
        assert_eq!(
            ImageType::of_filename("a.b.JPG"),
            Some((ImageType::Jpeg, "jpg"))
        );
        assert_eq!(
            ImageType::of_filename("a.jpeg"),
            Some((ImageType::Jpeg, "jpeg"))
        );
        assert_eq!(
            ImageType::of_filename("x.GiF"),
            Some((ImageType::Gif, "gif"))
        );
        for name in ["a.webp", "a.svg", "png", "a.png.exe", "a.", "", ".png/../x"] {
            assert_eq!(ImageType::of_filename(name), None, "{name}");
        }
    }

    #[test]
    fn keys_take_only_their_own_form() {
        let token = "AbCdEfGhIjKlMnOp_-0123456789";
        let key = ObjectKey::new(AccountId(42), token, "jpeg").expect("key");
        assert_eq!(key.as_str(), format!("profile-images/42/{token}.jpeg"));
        assert_eq!(key.image_type(), ImageType::Jpeg);
        assert_eq!(ObjectKey::parse(key.as_str()), Some(key));
        for raw in [
            "profile-images/42/short.png",
            "profile-images/../42/AbCdEfGhIjKlMnOpQr.png",
            "profile-images/42/AbCdEfGhIjKlMnOpQr.exe",
            "profile-images/42/AbCdEfGh/IjKlMnOpQr.png",
            "profile-images/4x/AbCdEfGhIjKlMnOpQr.png",
            "profile-images//AbCdEfGhIjKlMnOpQr.png",
            "other/42/AbCdEfGhIjKlMnOpQr.png",
            "profile-images/42/AbCdEfGh.IjKlMnOpQr.png",
            "profile-images/42/AbCdEfGhIjKlMnOpQr.PNG",
        ] {
            assert_eq!(ObjectKey::parse(raw), None, "{raw}");
        }
    }

    #[test]
    fn an_exact_length_allows_only_itself_and_a_cap_anything_up_to_it() {
        assert!(UploadLength::Exact(10).allows(10));
        assert!(!UploadLength::Exact(10).allows(9));
        assert!(!UploadLength::Exact(10).allows(11));
        assert!(UploadLength::AtMost(10).allows(1));
        assert!(UploadLength::AtMost(10).allows(10));
        assert!(!UploadLength::AtMost(10).allows(11));
        assert!(!UploadLength::AtMost(10).allows(0));
    }
}
