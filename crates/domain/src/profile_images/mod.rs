//! Profile images: an account's picture, uploaded by the client straight to an object store
//! through a signed, expiring URL that binds the content type and the size, and shown as
//! `profileImgUri`.
//!
//! The rules are here: which files are images (png, jpg, jpeg, gif), how large one may be, how
//! an object is named (from the account and a random token, never from the client's file name
//! beyond its extension), how long a URL stays valid, who may upload or delete an account's
//! image (its owner, ADMIN or STAFF). The stores only sign, store and serve
//! ([`ProfileImageStore`]; [`SelfHostedImages`] for a store the service serves itself).

mod model;
mod ports;
mod receive;
mod service;

pub use model::{ImageSettings, ImageType, ObjectKey, StoredImage, UploadLength, UploadPermit};
#[cfg(any(test, feature = "mock"))]
pub use ports::{MockProfileImageKeyRepository, MockProfileImageStore, MockSelfHostedImages};
pub use ports::{
    PresignError, ProfileImageKeyRepository, ProfileImageStore, ReplacedImageKey, SelfHostedImages,
};
pub use receive::{AcceptedUpload, ReadImageError, ReceiveUploadError};
pub use service::{DeleteImageError, ProfileImagePorts, ProfileImageService, SignedUploadError};
