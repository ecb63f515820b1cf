use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{ObjectKey, UploadPermit};
use crate::UnexpectedError;
use crate::accounts::AccountId;

/// Where profile images are kept: an object store the client uploads to directly.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ProfileImageStore: Send + Sync {
    /// A URL to which a client may `PUT` the object `permit.key` until `permit.expires_at`,
    /// with `Content-Type: {permit.image_type.content_type()}` and a body `permit.length`
    /// allows; the store refuses any other upload through it (another key, content type or
    /// length, or too late). `Err(PresignError::ExactLengthRequired)` when the store can bind
    /// only an exact length and the permit gives a maximum.
    async fn presign_upload(&self, permit: &UploadPermit) -> Result<String, PresignError>;

    /// Deletes the object `key`; `Ok` also when there is none.
    async fn delete(&self, key: &ObjectKey) -> Result<(), UnexpectedError>;

    /// The URI the object `key` is read at (whether or not it was uploaded yet).
    fn public_uri(&self, key: &ObjectKey) -> String;
}

#[derive(Debug, thiserror::Error)]
pub enum PresignError {
    /// The store's signatures bind an exact length only (S3's presigned `PUT`).
    #[error("this store binds an exact length only")]
    ExactLengthRequired,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// A store the service serves itself (the local directory): it checks the URLs it signed and
/// keeps and reads the bytes; whether an upload is accepted is the domain's decision
/// ([`ProfileImageService::accept_upload`](super::ProfileImageService::accept_upload)).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait SelfHostedImages: Send + Sync {
    /// The permit a URL signed by [`ProfileImageStore::presign_upload`] carries: `signed` is
    /// its query string. `None` when the signature does not cover exactly this key and the
    /// permit's fields (tampered with, made for another key, not signed by this store).
    fn open_permit(&self, key: &ObjectKey, signed: &str) -> Option<UploadPermit>;

    /// Keeps `bytes` as the object `key`, replacing any: written whole or not at all.
    async fn write(&self, key: &ObjectKey, bytes: &[u8]) -> Result<(), UnexpectedError>;

    /// The bytes of the object `key`, `None` when there is none.
    async fn read(&self, key: &ObjectKey) -> Result<Option<Vec<u8>>, UnexpectedError>;
}

/// The key an account's profile image had before it was replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplacedImageKey {
    pub previous: Option<String>,
}

/// The profile image key stored on an account.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ProfileImageKeyRepository: Send + Sync {
    /// Sets the profile image key of the live (not deleted) account `id` to `key` (`None`
    /// clears it) with `updated_at = now`, and returns the key it replaced, read in the same
    /// transaction (so two racing replacements each see the other's key, never the same one);
    /// `None`, writing nothing, when no live account has this id.
    async fn replace_profile_image_key(
        &self,
        id: AccountId,
        key: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Option<ReplacedImageKey>, UnexpectedError>;
}
