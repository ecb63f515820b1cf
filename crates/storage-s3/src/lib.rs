//! Profile images in an S3-compatible object store (AWS S3, SeaweedFS, MinIO, R2, ...): the
//! client uploads with a presigned `PUT` (SigV4, query-string signed by `rusty-s3`, no I/O) whose
//! signature covers `Content-Type` and `Content-Length`, so the store itself refuses another
//! type or size, and after the URL's expiry anything. Deletes are signed the same way and sent
//! with `reqwest`. Images are read by clients at the public URL of the object (the bucket, or a
//! CDN in front of it: `s3_public_base_url`), so the bucket (or the prefix `profile-images/`)
//! must allow anonymous reads.

use std::time::Duration;

use account_domain::UnexpectedError;
use account_domain::profile_images::{
    ObjectKey, PresignError, ProfileImageStore, UploadLength, UploadPermit,
};
use async_trait::async_trait;
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};

/// Where the bucket is and how to sign for it.
#[derive(Clone)]
pub struct S3Settings {
    /// `https://s3.eu-central-1.amazonaws.com`, `http://127.0.0.1:8333`, ...
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// `https://endpoint/bucket/key` (true) or `https://bucket.endpoint/key` (false).
    pub path_style: bool,
    /// Where clients read images (a CDN, the bucket's website); default the object URL.
    pub public_base_url: Option<String>,
    /// Bound on one delete request.
    pub timeout: Duration,
}

/// The secret key never appears in `Debug`.
impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("path_style", &self.path_style)
            .field("public_base_url", &self.public_base_url)
            .finish_non_exhaustive()
    }
}

/// The S3 store (`profile_image_store = "s3"`).
pub struct S3ImageStore {
    bucket: Bucket,
    credentials: Credentials,
    public_base_url: Option<String>,
    client: reqwest::Client,
}

/// How long a signed delete request is valid: it is sent at once.
const DELETE_SIGNATURE_TTL: Duration = Duration::from_secs(60);

impl S3ImageStore {
    pub fn new(settings: S3Settings) -> Result<Self, UnexpectedError> {
        let endpoint = settings
            .endpoint
            .parse()
            .map_err(|e| UnexpectedError::with_source("s3_endpoint is not a URL", e))?;
        let style = if settings.path_style {
            UrlStyle::Path
        } else {
            UrlStyle::VirtualHost
        };
        let bucket = Bucket::new(endpoint, style, settings.bucket, settings.region)
            .map_err(|e| UnexpectedError::with_source("s3 bucket settings", e))?;
        // reqwest is built without a default TLS provider; installing it again is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .build()
            .map_err(|e| UnexpectedError::with_source("building the S3 HTTP client", e))?;
        Ok(Self {
            bucket,
            credentials: Credentials::new(settings.access_key_id, settings.secret_access_key),
            public_base_url: settings
                .public_base_url
                .map(|url| url.trim_end_matches('/').to_owned()),
            client,
        })
    }
}

#[async_trait]
impl ProfileImageStore for S3ImageStore {
    async fn presign_upload(&self, permit: &UploadPermit) -> Result<String, PresignError> {
        let UploadLength::Exact(length) = permit.length else {
            return Err(PresignError::ExactLengthRequired);
        };
        let remaining = (permit.expires_at - chrono::Utc::now())
            .num_seconds()
            .max(1);
        let mut action = self
            .bucket
            .put_object(Some(&self.credentials), permit.key.as_str());
        let headers = action.headers_mut();
        headers.insert("content-type", permit.image_type.content_type());
        headers.insert("content-length", length.to_string());
        Ok(action
            .sign(Duration::from_secs(remaining.unsigned_abs()))
            .to_string())
    }

    async fn delete(&self, key: &ObjectKey) -> Result<(), UnexpectedError> {
        let url = self
            .bucket
            .delete_object(Some(&self.credentials), key.as_str())
            .sign(DELETE_SIGNATURE_TTL);
        let response = self
            .client
            .delete(url)
            .send()
            .await
            .map_err(|e| UnexpectedError::with_source("deleting a profile image from S3", e))?;
        let status = response.status();
        if status.is_success() || status == reqwest::StatusCode::NOT_FOUND {
            Ok(())
        } else {
            Err(UnexpectedError::new(format!(
                "deleting a profile image from S3: {status}"
            )))
        }
    }

    fn public_uri(&self, key: &ObjectKey) -> String {
        match &self.public_base_url {
            Some(base) => format!("{base}/{}", key.as_str()),
            None => self.bucket.object_url(key.as_str()).to_string(),
        }
    }
}
