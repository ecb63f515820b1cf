//! The contract of `ProfileImageStore` (`account_domain::profile_images`), run against every
//! adapter through an [`ImageStoreUnderTest`]: what a URL it signs lets a client upload (that
//! object, that content type, that length, before expiry; nothing else), the public URI reads
//! the object back, and deletion removes it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration as StdDuration;

use account_domain::accounts::AccountId;
use account_domain::profile_images::{
    ImageType, ObjectKey, PresignError, ProfileImageStore, UploadLength, UploadPermit,
};
use chrono::{Duration, Utc};

/// An adapter and the client side of it: how a client uploads to a signed URL and reads a
/// public URI.
#[allow(async_fn_in_trait)]
pub trait ImageStoreUnderTest {
    fn store(&self) -> &dyn ProfileImageStore;
    /// `PUT`s `body` to `url` with this `Content-Type`; `true` when the store accepted it.
    async fn upload(&self, url: &str, content_type: &str, body: &[u8]) -> bool;
    /// The bytes at `uri`, `None` when there is no object.
    async fn fetch(&self, uri: &str) -> Option<Vec<u8>>;
}

/// A fresh key, so that tests sharing a store do not meet.
fn fresh_key(extension: &str) -> ObjectKey {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let token = format!("ContractTest{nanos:x}n{n}");
    ObjectKey::new(AccountId(77), &token, extension).expect("a valid key")
}

fn permit(key: &ObjectKey, image_type: ImageType, length: UploadLength) -> UploadPermit {
    UploadPermit {
        key: key.clone(),
        image_type,
        length,
        expires_at: Utc::now() + Duration::minutes(5),
    }
}

async fn signed(target: &impl ImageStoreUnderTest, permit: &UploadPermit) -> String {
    target
        .store()
        .presign_upload(permit)
        .await
        .expect("a signed URL")
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n a small image";

pub async fn a_signed_upload_is_read_back_and_deleted(target: &impl ImageStoreUnderTest) {
    let key = fresh_key("png");
    let uri = target.store().public_uri(&key);
    assert_eq!(target.fetch(&uri).await, None, "nothing before the upload");
    let url = signed(
        target,
        &permit(&key, ImageType::Png, UploadLength::Exact(PNG.len() as u64)),
    )
    .await;

    assert!(
        target.upload(&url, "image/png", PNG).await,
        "the signed upload"
    );
    assert_eq!(target.fetch(&uri).await.as_deref(), Some(PNG));

    target.store().delete(&key).await.expect("delete");
    assert_eq!(target.fetch(&uri).await, None, "gone after delete");
    target
        .store()
        .delete(&key)
        .await
        .expect("deleting nothing is fine");
}

pub async fn another_content_type_or_length_is_refused(target: &impl ImageStoreUnderTest) {
    let key = fresh_key("jpg");
    let exact = UploadLength::Exact(PNG.len() as u64);
    let url = signed(target, &permit(&key, ImageType::Jpeg, exact)).await;
    let longer = [PNG, b"!"].concat();

    assert!(!target.upload(&url, "image/png", PNG).await, "another type");
    assert!(
        !target.upload(&url, "image/jpeg", &PNG[1..]).await,
        "shorter"
    );
    assert!(!target.upload(&url, "image/jpeg", &longer).await, "longer");
    assert_eq!(target.fetch(&target.store().public_uri(&key)).await, None);
    assert!(target.upload(&url, "image/jpeg", PNG).await, "as signed");
}

pub async fn a_url_uploads_its_own_object_only(target: &impl ImageStoreUnderTest) {
    let key = fresh_key("gif");
    let other = fresh_key("gif");
    let url = signed(
        target,
        &permit(&key, ImageType::Gif, UploadLength::Exact(3)),
    )
    .await;
    let (_, other_token) = other.as_str().rsplit_once('/').expect("token");
    let (_, own_token) = key.as_str().rsplit_once('/').expect("token");
    let redirected = url.replacen(own_token, other_token, 1);
    assert_ne!(redirected, url);

    assert!(!target.upload(&redirected, "image/gif", b"GIF").await);
    assert_eq!(target.fetch(&target.store().public_uri(&other)).await, None);
}

pub async fn an_expired_url_is_refused(target: &impl ImageStoreUnderTest) {
    let key = fresh_key("png");
    let soon = UploadPermit {
        expires_at: Utc::now() + Duration::seconds(1),
        ..permit(&key, ImageType::Png, UploadLength::Exact(3))
    };
    let url = signed(target, &soon).await;
    tokio::time::sleep(StdDuration::from_millis(2500)).await;

    assert!(!target.upload(&url, "image/png", b"PNG").await);
    assert_eq!(target.fetch(&target.store().public_uri(&key)).await, None);
}

/// A permit for "at most" a size: a store binds it, or says it binds exact lengths only.
pub async fn a_capped_permit_is_bound_or_declined(target: &impl ImageStoreUnderTest) {
    let key = fresh_key("png");
    let capped = permit(&key, ImageType::Png, UploadLength::AtMost(8));
    match target.store().presign_upload(&capped).await {
        Err(PresignError::ExactLengthRequired) => {}
        Err(PresignError::Unexpected(e)) => panic!("{e:?}"),
        Ok(url) => {
            assert!(
                !target.upload(&url, "image/png", b"123456789").await,
                "over"
            );
            assert!(target.upload(&url, "image/png", b"1234").await, "under");
            let uri = target.store().public_uri(&key);
            assert_eq!(target.fetch(&uri).await.as_deref(), Some(&b"1234"[..]));
        }
    }
}
