//! The service's own files, readable by its user only: directories it creates are `0700`,
//! files it creates `0600` (the data directory, the SQLite database, generated keys, the dev
//! outbox).
//!
//! The mode is given when a path is created, never set afterwards (that would leave a window in
//! which the path is open), so the process umask can only narrow it. A path that already exists
//! keeps its mode: an operator may have made it so on purpose. [`warn_if_exposed`] says in the
//! log when group or others may use one.

use std::collections::HashSet;
use std::fs::{DirBuilder, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The mode of the directories the service creates.
pub const DIR_MODE: u32 = 0o700;
/// The mode of the files the service creates.
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` and its missing parents, each `0700`. An existing directory is left as it is.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)
}

/// Creates the directory `file` goes in, as [`create_dir_all`] does (nothing for a bare name).
pub fn create_parent_dir(file: &Path) -> io::Result<()> {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => create_dir_all(dir),
        _ => Ok(()),
    }
}

/// Open options that create a missing file `0600`; the caller adds `write`, `append`,
/// `create`, ... An existing file keeps its mode.
pub fn file_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options
}

/// Creates `file` empty and `0600` unless it exists; `true` if it was created.
pub fn create_file(file: &Path) -> io::Result<bool> {
    match file_options().write(true).create_new(true).open(file) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// The permission bits of `path` (`0o777` at most).
#[cfg(unix)]
pub fn mode(path: &Path) -> io::Result<u32> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::metadata(path)?.permissions().mode() & 0o777)
}

/// The permission bits of `path` when group or others have any (`None` when only its owner
/// has, when it does not exist, and off Unix).
pub fn exposed_mode(path: &Path) -> io::Result<Option<u32>> {
    #[cfg(unix)]
    match mode(path) {
        Ok(mode) => Ok((mode & 0o077 != 0).then_some(mode)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(None)
    }
}

/// Logs a warning if group or others may use `path` (`what` names it: "data directory",
/// "SQLite database", ...), once per path and process. The mode is not changed.
pub fn warn_if_exposed(path: &Path, what: &str) {
    static WARNED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    let mode = match exposed_mode(path) {
        Ok(Some(mode)) => mode,
        Ok(None) | Err(_) => return,
    };
    let key = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let mut warned = WARNED.lock().unwrap_or_else(PoisonError::into_inner);
    if !warned.get_or_insert_with(HashSet::new).insert(key) {
        return;
    }
    let private = if path.is_dir() { DIR_MODE } else { FILE_MODE };
    tracing::warn!(
        path = %path.display(),
        mode = %format!("{mode:o}"),
        "the {what} is open to other users; it is left as it is: make it {private:o} (chmod)"
    );
}

#[cfg(all(test, unix))]
mod tests {
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn octal(path: &Path) -> String {
        format!("{:o}", mode(path).unwrap())
    }

    #[test]
    fn created_directories_are_private_down_from_the_first_missing_one() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b");
        create_parent_dir(&dir.join("file")).unwrap();
        assert_eq!(octal(&root.path().join("a")), "700");
        assert_eq!(octal(&dir), "700");
        create_dir_all(&dir).unwrap();
    }

    #[test]
    fn created_files_are_private_and_existing_ones_keep_content_and_mode() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("f");
        assert!(create_file(&file).unwrap());
        assert_eq!(octal(&file), "600");
        file_options()
            .append(true)
            .open(&file)
            .unwrap()
            .write_all(b"kept")
            .unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        assert!(!create_file(&file).unwrap());
        assert_eq!(std::fs::read(&file).unwrap(), b"kept");
        assert_eq!(octal(&file), "640");
    }

    #[test]
    fn exposed_modes_are_told_apart_from_private_and_missing_paths() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("f");
        assert_eq!(exposed_mode(&file).unwrap(), None);
        create_file(&file).unwrap();
        assert_eq!(exposed_mode(&file).unwrap(), None);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o604)).unwrap();
        assert_eq!(exposed_mode(&file).unwrap(), Some(0o604));
        warn_if_exposed(&file, "test file");
        assert_eq!(octal(&file), "604", "warned about, not changed");
    }
}
