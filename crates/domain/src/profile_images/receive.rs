//! Uploads to, and images from, a store the service serves itself (the local directory): the
//! same checks an S3 server makes of its presigned URLs, decided here.

use super::model::{ObjectKey, StoredImage, UploadLength};
use super::service::ProfileImageService;
use crate::UnexpectedError;

/// Why an upload is refused.
#[derive(Debug, thiserror::Error)]
pub enum ReceiveUploadError {
    /// Not a key this service hands out, or no store of its own (S3 is configured).
    #[error("no such upload target")]
    NotFound,
    /// The URL's signature does not cover this key and these terms.
    #[error("the upload URL's signature does not match")]
    BadSignature,
    #[error("the upload URL has expired")]
    Expired,
    /// The `Content-Type` is not the one the URL was signed for.
    #[error("the content type is not the one signed for")]
    WrongContentType,
    /// The body's length is not the exact one the URL was signed for.
    #[error("the length is not the one signed for")]
    WrongLength,
    /// The body is empty, or longer than the URL allows.
    #[error("the body is empty or longer than {max} bytes")]
    TooLarge { max: u64 },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Why an image cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum ReadImageError {
    #[error("no such image")]
    NotFound,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// An upload whose URL, content type and announced length were accepted: its body may be read,
/// up to `length.max()` bytes, then handed to [`ProfileImageService::store_upload`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedUpload {
    pub key: ObjectKey,
    pub length: UploadLength,
}

impl AcceptedUpload {
    /// Whether a body of `length` bytes is one the URL allows.
    pub fn check_length(&self, length: u64) -> Result<(), ReceiveUploadError> {
        length_allowed(self.length, length)
    }
}

impl ProfileImageService {
    /// Checks an upload before its body is read: `raw_key` and `signed` (the URL's path and
    /// query) must carry a valid signature of this store, not expired, `content_type` must be
    /// the signed one, and `announced_length` (the `Content-Length`, when sent) one the URL
    /// allows.
    pub fn accept_upload(
        &self,
        raw_key: &str,
        signed: &str,
        content_type: Option<&str>,
        announced_length: Option<u64>,
    ) -> Result<AcceptedUpload, ReceiveUploadError> {
        let files = self
            .self_hosted
            .as_ref()
            .ok_or(ReceiveUploadError::NotFound)?;
        let key = ObjectKey::parse(raw_key).ok_or(ReceiveUploadError::NotFound)?;
        let permit = files
            .open_permit(&key, signed)
            .ok_or(ReceiveUploadError::BadSignature)?;
        if self.clock.now() > permit.expires_at {
            return Err(ReceiveUploadError::Expired);
        }
        let same_type = content_type.is_some_and(|given| {
            given
                .trim()
                .eq_ignore_ascii_case(permit.image_type.content_type())
        });
        if !same_type {
            return Err(ReceiveUploadError::WrongContentType);
        }
        if let Some(length) = announced_length {
            length_allowed(permit.length, length)?;
        }
        Ok(AcceptedUpload {
            key,
            length: permit.length,
        })
    }

    /// Keeps the body of an accepted upload, if its length is one the URL allows.
    pub async fn store_upload(
        &self,
        upload: &AcceptedUpload,
        body: &[u8],
    ) -> Result<(), ReceiveUploadError> {
        let files = self
            .self_hosted
            .as_ref()
            .ok_or(ReceiveUploadError::NotFound)?;
        upload.check_length(body.len() as u64)?;
        files.write(&upload.key, body).await?;
        Ok(())
    }

    /// A stored image by its key (the path after the service's address), with its content
    /// type.
    pub async fn image(&self, raw_key: &str) -> Result<StoredImage, ReadImageError> {
        let files = self.self_hosted.as_ref().ok_or(ReadImageError::NotFound)?;
        let key = ObjectKey::parse(raw_key).ok_or(ReadImageError::NotFound)?;
        let bytes = files.read(&key).await?.ok_or(ReadImageError::NotFound)?;
        Ok(StoredImage {
            content_type: key.image_type().content_type(),
            bytes,
        })
    }
}

fn length_allowed(allowed: UploadLength, length: u64) -> Result<(), ReceiveUploadError> {
    if allowed.allows(length) {
        return Ok(());
    }
    match allowed {
        UploadLength::Exact(_) => Err(ReceiveUploadError::WrongLength),
        UploadLength::AtMost(max) => Err(ReceiveUploadError::TooLarge { max }),
    }
}
