//! Profile images in a local directory, served by the service itself: the embedded default,
//! so that `cargo run` needs no object store.
//!
//! Upload URLs point at the service (`{public_base_url}/profile-images/...`) and carry an
//! HMAC-SHA256 signature of the key, the content type, the length bound and the expiry
//! ([`signature`]); the service's HTTP routes hand the URL's query to
//! [`SelfHostedImages::open_permit`] and the domain decides whether the upload is accepted.
//! Files are the service's alone: directories `0700`, files `0600` (`account-private-files`),
//! written to a temporary name and renamed, so a reader never sees half an image.

mod files;
mod signature;

use std::path::PathBuf;

use account_domain::UnexpectedError;
use account_domain::profile_images::{
    ObjectKey, PresignError, ProfileImageStore, SelfHostedImages, UploadPermit,
};
use async_trait::async_trait;

use signature::UrlSigner;

/// The local directory store (`profile_image_store = "local"`).
pub struct LocalImageStore {
    dir: PathBuf,
    base_url: String,
    signer: UrlSigner,
}

impl LocalImageStore {
    /// Images under `dir`, linked as `{base_url}/{key}` (`base_url`: where clients reach this
    /// service, e.g. `https://accounts.example.com`); URLs signed with a key derived from
    /// `secret` (at least 32 bytes).
    pub fn new(
        dir: impl Into<PathBuf>,
        base_url: &str,
        secret: &[u8],
    ) -> Result<Self, UnexpectedError> {
        if secret.len() < 32 {
            return Err(UnexpectedError::new(
                "the local image store's secret must be at least 32 bytes",
            ));
        }
        Ok(Self {
            dir: dir.into(),
            base_url: base_url.trim_end_matches('/').to_owned(),
            signer: UrlSigner::new(secret),
        })
    }
}

#[async_trait]
impl ProfileImageStore for LocalImageStore {
    async fn presign_upload(&self, permit: &UploadPermit) -> Result<String, PresignError> {
        Ok(format!(
            "{}?{}",
            self.public_uri(&permit.key),
            self.signer.query(permit)
        ))
    }

    async fn delete(&self, key: &ObjectKey) -> Result<(), UnexpectedError> {
        files::delete(self.dir.clone(), key.clone()).await
    }

    fn public_uri(&self, key: &ObjectKey) -> String {
        format!("{}/{}", self.base_url, key.as_str())
    }
}

#[async_trait]
impl SelfHostedImages for LocalImageStore {
    fn open_permit(&self, key: &ObjectKey, signed: &str) -> Option<UploadPermit> {
        self.signer.open(key, signed)
    }

    async fn write(&self, key: &ObjectKey, bytes: &[u8]) -> Result<(), UnexpectedError> {
        files::write(self.dir.clone(), key.clone(), bytes.to_vec()).await
    }

    async fn read(&self, key: &ObjectKey) -> Result<Option<Vec<u8>>, UnexpectedError> {
        files::read(self.dir.clone(), key.clone()).await
    }
}
