//! The image files: `{dir}/{accountId}/{token}.{extension}` for the key
//! `profile-images/{accountId}/{token}.{extension}` (a key is checked by the domain, so it
//! cannot name anything outside the directory). Blocking file work runs off the async workers.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use account_domain::UnexpectedError;
use account_domain::profile_images::ObjectKey;

/// Makes temporary names unique within the process (the process id across processes).
static UPLOADS: AtomicU64 = AtomicU64::new(0);

fn path_of(dir: &Path, key: &ObjectKey) -> PathBuf {
    let relative = key
        .as_str()
        .strip_prefix("profile-images/")
        .unwrap_or(key.as_str());
    dir.join(relative)
}

async fn blocking<T: Send + 'static>(
    doing: &'static str,
    work: impl FnOnce() -> io::Result<T> + Send + 'static,
) -> Result<T, UnexpectedError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| UnexpectedError::with_source(doing, e))?
        .map_err(|e| UnexpectedError::with_source(doing, e))
}

pub(crate) async fn write(
    dir: PathBuf,
    key: ObjectKey,
    bytes: Vec<u8>,
) -> Result<(), UnexpectedError> {
    blocking("writing a profile image", move || {
        let path = path_of(&dir, &key);
        account_private_files::create_parent_dir(&path)?;
        let temporary = path.with_extension(format!(
            "{}-{}.part",
            std::process::id(),
            UPLOADS.fetch_add(1, Ordering::Relaxed)
        ));
        let written = (|| {
            let mut file = account_private_files::file_options()
                .write(true)
                .create_new(true)
                .open(&temporary)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            std::fs::rename(&temporary, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    })
    .await
}

pub(crate) async fn read(dir: PathBuf, key: ObjectKey) -> Result<Option<Vec<u8>>, UnexpectedError> {
    blocking("reading a profile image", move || {
        match std::fs::read(path_of(&dir, &key)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await
}

pub(crate) async fn delete(dir: PathBuf, key: ObjectKey) -> Result<(), UnexpectedError> {
    blocking(
        "deleting a profile image",
        move || match std::fs::remove_file(path_of(&dir, &key)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        },
    )
    .await
}
