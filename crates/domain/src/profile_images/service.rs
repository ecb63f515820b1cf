use std::sync::Arc;

use super::model::{ImageSettings, ImageType, ObjectKey, UploadLength, UploadPermit};
use super::ports::{PresignError, ProfileImageKeyRepository, ProfileImageStore, SelfHostedImages};
use crate::UnexpectedError;
use crate::accounts::{Account, AccountId, AccountRepository, AdministrationError, authorize};
use crate::auth::Principal;
use crate::clock::Clock;
use crate::secrets::SecretGenerator;

/// What went wrong asking for a signed upload URL.
#[derive(Debug, thiserror::Error)]
pub enum SignedUploadError {
    /// The caller is neither the account's owner nor ADMIN or STAFF.
    #[error("the caller may not change this account's image")]
    Forbidden,
    #[error("account does not exist")]
    NotFound,
    #[error("account is deleted")]
    Deleted,
    /// No file name was given.
    #[error("a file name is required")]
    FilenameMissing,
    /// The file name's extension is not png, jpg, jpeg or gif.
    #[error("not a supported image type")]
    UnsupportedType,
    /// The announced size is 0 or over the cap.
    #[error("size must be between 1 and {max} bytes")]
    InvalidSize { max: u64 },
    /// The store binds an exact length only, and no size was announced.
    #[error("this store needs the size of the upload")]
    SizeRequired,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// What went wrong deleting a profile image.
#[derive(Debug, thiserror::Error)]
pub enum DeleteImageError {
    #[error("the caller may not change this account's image")]
    Forbidden,
    #[error("account does not exist")]
    NotFound,
    #[error("account is deleted")]
    Deleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Profile images: signed upload URLs, deletion, the URI an account's image is shown at, and
/// (for a store the service serves itself) accepting uploads and serving images.
pub struct ProfileImageService {
    pub(super) store: Arc<dyn ProfileImageStore>,
    pub(super) self_hosted: Option<Arc<dyn SelfHostedImages>>,
    pub(super) keys: Arc<dyn ProfileImageKeyRepository>,
    pub(super) accounts: Arc<dyn AccountRepository>,
    pub(super) secrets: Arc<dyn SecretGenerator>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) settings: ImageSettings,
}

/// The ports of [`ProfileImageService`].
pub struct ProfileImagePorts {
    pub store: Arc<dyn ProfileImageStore>,
    /// The same store, when the service serves it itself (the local directory); `None` for an
    /// object store clients reach directly (S3).
    pub self_hosted: Option<Arc<dyn SelfHostedImages>>,
    pub keys: Arc<dyn ProfileImageKeyRepository>,
    pub accounts: Arc<dyn AccountRepository>,
    pub secrets: Arc<dyn SecretGenerator>,
    pub clock: Arc<dyn Clock>,
}

impl ProfileImageService {
    pub fn new(ports: ProfileImagePorts, settings: ImageSettings) -> Self {
        Self {
            store: ports.store,
            self_hosted: ports.self_hosted,
            keys: ports.keys,
            accounts: ports.accounts,
            secrets: ports.secrets,
            clock: ports.clock,
            settings,
        }
    }

    /// The URI of the account's profile image (`profileImgUri`), `None` when it has none. The
    /// key is recorded when the upload URL is handed out, so the URI is known from then on; it
    /// answers 404 until the client's upload arrives.
    pub fn uri_of(&self, account: &Account) -> Option<String> {
        let key = ObjectKey::parse(account.profile_image_key.as_deref()?)?;
        Some(self.store.public_uri(&key))
    }

    /// A URL to which the client `PUT`s the image of account `id` (`filename` gives its type by
    /// its extension; `size`, if announced, its exact length, else anything up to the cap),
    /// valid for the configured time. The account's image becomes the new object at once (its
    /// URI is known); the previous object is deleted. For the owner, ADMIN or STAFF.
    pub async fn signed_upload_url(
        &self,
        caller: &Principal,
        id: AccountId,
        filename: Option<&str>,
        size: Option<u64>,
    ) -> Result<String, SignedUploadError> {
        authorize(caller, id).map_err(|_| SignedUploadError::Forbidden)?;
        let filename = filename
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .ok_or(SignedUploadError::FilenameMissing)?;
        let (image_type, extension) =
            ImageType::of_filename(filename).ok_or(SignedUploadError::UnsupportedType)?;
        let max = self.settings.max_bytes;
        let length = match size {
            Some(size) if (1..=max).contains(&size) => UploadLength::Exact(size),
            Some(_) => return Err(SignedUploadError::InvalidSize { max }),
            None => UploadLength::AtMost(max),
        };
        self.live(caller, id).await.map_err(|e| match e {
            AdministrationError::NotFound => SignedUploadError::NotFound,
            AdministrationError::Deleted => SignedUploadError::Deleted,
            AdministrationError::Unexpected(e) => SignedUploadError::Unexpected(e),
            _ => SignedUploadError::Forbidden,
        })?;
        let key = ObjectKey::new(id, &self.secrets.random_token(), extension)
            .ok_or_else(|| UnexpectedError::new("the secret generator made an unusable token"))?;
        let now = self.clock.now();
        let permit = UploadPermit {
            key,
            image_type,
            length,
            expires_at: now + self.settings.url_ttl,
        };
        let url = self
            .store
            .presign_upload(&permit)
            .await
            .map_err(|e| match e {
                PresignError::ExactLengthRequired => SignedUploadError::SizeRequired,
                PresignError::Unexpected(e) => SignedUploadError::Unexpected(e),
            })?;
        let replaced = self
            .keys
            .replace_profile_image_key(id, Some(permit.key.as_str().to_owned()), now)
            .await?
            .ok_or(SignedUploadError::Deleted)?;
        self.delete_quietly(replaced.previous).await;
        Ok(url)
    }

    /// Deletes the profile image of account `id` (the object, then the key; `Ok` also when it
    /// has none). For the owner, ADMIN or STAFF.
    pub async fn delete_image(
        &self,
        caller: &Principal,
        id: AccountId,
    ) -> Result<(), DeleteImageError> {
        authorize(caller, id).map_err(|_| DeleteImageError::Forbidden)?;
        let account = self.live(caller, id).await.map_err(|e| match e {
            AdministrationError::NotFound => DeleteImageError::NotFound,
            AdministrationError::Deleted => DeleteImageError::Deleted,
            AdministrationError::Unexpected(e) => DeleteImageError::Unexpected(e),
            _ => DeleteImageError::Forbidden,
        })?;
        // The object goes first: if that fails, the key stays and a retry finds it.
        let current = account
            .profile_image_key
            .as_deref()
            .and_then(ObjectKey::parse);
        if let Some(key) = &current {
            self.store.delete(key).await?;
        }
        let replaced = self
            .keys
            .replace_profile_image_key(id, None, self.clock.now())
            .await?
            .ok_or(DeleteImageError::Deleted)?;
        // A new image signed for meanwhile is deleted as well: the caller asked for none.
        let raced = replaced.previous.as_deref().and_then(ObjectKey::parse);
        if let Some(key) = raced.filter(|key| Some(key) != current.as_ref()) {
            self.store.delete(&key).await?;
        }
        Ok(())
    }

    /// The account as authentication loaded it for its owner, else read.
    async fn live(
        &self,
        caller: &Principal,
        id: AccountId,
    ) -> Result<Account, AdministrationError> {
        if id == caller.account_id {
            return Ok(caller.account.clone());
        }
        Ok(self.accounts.find_live(id).await?)
    }

    /// Deletes a replaced image; a failure leaves an unreferenced object behind, logged.
    async fn delete_quietly(&self, previous: Option<String>) {
        let Some(key) = previous.as_deref().and_then(ObjectKey::parse) else {
            return;
        };
        if let Err(error) = self.store.delete(&key).await {
            tracing::warn!(
                key = key.as_str(),
                ?error,
                "a replaced profile image was not deleted"
            );
        }
    }
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;
