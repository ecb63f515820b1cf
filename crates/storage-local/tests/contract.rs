//! The local directory adapter keeps the `ProfileImageStore` contract. A client's upload goes
//! where the service's routes send it: the URL's path and query to
//! `ProfileImageService::accept_upload`, the body to `store_upload`, reads to `image` (the HTTP
//! routes themselves are tested on the real binary, `crates/server/tests/api/profile_images.rs`).
//! Also: the files are the service's alone (`0700` directories, `0600` files).

use std::sync::Arc;

use account_domain::accounts::MockAccountRepository;
use account_domain::clock::SystemClock;
use account_domain::profile_images::{
    ImageSettings, MockProfileImageKeyRepository, ProfileImagePorts, ProfileImageService,
    ProfileImageStore, SelfHostedImages,
};
use account_domain::secrets::MockSecretGenerator;
use account_storage_local::LocalImageStore;
use account_test_support::contract::image_store::{self, ImageStoreUnderTest};

const BASE: &str = "http://images.test:8080";

struct LocalUnderTest {
    store: Arc<LocalImageStore>,
    service: ProfileImageService,
    dir: tempfile::TempDir,
}

impl LocalUnderTest {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("dir");
        let store = Arc::new(
            LocalImageStore::new(dir.path().join("images"), BASE, &[9; 32]).expect("store"),
        );
        let service = ProfileImageService::new(
            ProfileImagePorts {
                store: store.clone(),
                self_hosted: Some(store.clone() as Arc<dyn SelfHostedImages>),
                keys: Arc::new(MockProfileImageKeyRepository::new()),
                accounts: Arc::new(MockAccountRepository::new()),
                secrets: Arc::new(MockSecretGenerator::new()),
                clock: Arc::new(SystemClock),
            },
            ImageSettings::default(),
        );
        Self {
            store,
            service,
            dir,
        }
    }
}

/// The path after the service's address, without the leading `/`.
fn key_of(url: &str) -> &str {
    url.strip_prefix(BASE)
        .and_then(|rest| rest.strip_prefix('/'))
        .expect("a URL of this service")
}

impl ImageStoreUnderTest for LocalUnderTest {
    fn store(&self) -> &dyn ProfileImageStore {
        self.store.as_ref()
    }

    async fn upload(&self, url: &str, content_type: &str, body: &[u8]) -> bool {
        let (path, query) = key_of(url).split_once('?').unwrap_or((key_of(url), ""));
        let Ok(accepted) =
            self.service
                .accept_upload(path, query, Some(content_type), Some(body.len() as u64))
        else {
            return false;
        };
        self.service.store_upload(&accepted, body).await.is_ok()
    }

    async fn fetch(&self, uri: &str) -> Option<Vec<u8>> {
        self.service
            .image(key_of(uri))
            .await
            .ok()
            .map(|image| image.bytes)
    }
}

#[tokio::test]
async fn a_signed_upload_is_read_back_and_deleted() {
    image_store::a_signed_upload_is_read_back_and_deleted(&LocalUnderTest::new()).await;
}

#[tokio::test]
async fn another_content_type_or_length_is_refused() {
    image_store::another_content_type_or_length_is_refused(&LocalUnderTest::new()).await;
}

#[tokio::test]
async fn a_url_uploads_its_own_object_only() {
    image_store::a_url_uploads_its_own_object_only(&LocalUnderTest::new()).await;
}

#[tokio::test]
async fn an_expired_url_is_refused() {
    image_store::an_expired_url_is_refused(&LocalUnderTest::new()).await;
}

#[tokio::test]
async fn a_capped_permit_is_bound_or_declined() {
    image_store::a_capped_permit_is_bound_or_declined(&LocalUnderTest::new()).await;
}

#[cfg(unix)]
#[tokio::test]
async fn the_images_are_the_services_alone() {
    use account_domain::accounts::AccountId;
    use account_domain::profile_images::{ObjectKey, SelfHostedImages as _};

    let target = LocalUnderTest::new();
    let key = ObjectKey::new(AccountId(5), "PrivateFileModeToken", "png").expect("key");
    target.store.write(&key, b"png").await.expect("write");
    let images = target.dir.path().join("images");
    let mode = |path: &std::path::Path| account_private_files::mode(path).expect("mode");
    assert_eq!(mode(&images), 0o700);
    assert_eq!(mode(&images.join("5")), 0o700);
    assert_eq!(mode(&images.join("5/PrivateFileModeToken.png")), 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(images.join("5"))
        .expect("dir")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(
        leftovers,
        ["PrivateFileModeToken.png"],
        "no temporary file left"
    );
}
