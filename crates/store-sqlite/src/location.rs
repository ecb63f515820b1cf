use std::path::{Path, PathBuf};

use account_domain::UnexpectedError;

/// The database file named by a path or a `sqlite://` / `sqlite:` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseFile(PathBuf);

impl DatabaseFile {
    /// An in-memory database is refused: every pooled connection would see its own.
    pub fn parse(path_or_url: &str) -> Result<Self, UnexpectedError> {
        let path = path_or_url
            .strip_prefix("sqlite://")
            .or_else(|| path_or_url.strip_prefix("sqlite:"))
            .unwrap_or(path_or_url);
        if path.is_empty()
            || path == ":memory:"
            || path.starts_with("file:")
            || path.contains("mode=memory")
        {
            return Err(UnexpectedError::new(format!(
                "SQLite database {path_or_url:?} is not a file path (in-memory databases are not supported)"
            )));
        }
        Ok(Self(PathBuf::from(path)))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Creates the directory the file goes in, if missing (SQLite creates the file).
    pub fn create_parent_dir(&self) -> Result<(), UnexpectedError> {
        match self.0.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => {
                std::fs::create_dir_all(dir).map_err(|err| {
                    UnexpectedError::with_source(
                        format!("creating the directory {}", dir.display()),
                        err,
                    )
                })
            }
            _ => Ok(()),
        }
    }

    /// The path as diesel's `SqliteConnection::establish` takes it.
    pub fn connection_string(&self) -> Result<String, UnexpectedError> {
        self.0.to_str().map(str::to_owned).ok_or_else(|| {
            UnexpectedError::new(format!("SQLite path {} is not UTF-8", self.0.display()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_urls_name_the_same_file() {
        for raw in [
            "data/account.db",
            "sqlite://data/account.db",
            "sqlite:data/account.db",
        ] {
            assert_eq!(
                DatabaseFile::parse(raw).ok().map(|f| f.0),
                Some(PathBuf::from("data/account.db")),
                "{raw}"
            );
        }
        assert_eq!(
            DatabaseFile::parse("sqlite:///tmp/a.db").ok().map(|f| f.0),
            Some(PathBuf::from("/tmp/a.db"))
        );
    }

    #[test]
    fn in_memory_databases_are_refused() {
        for raw in [
            ":memory:",
            "sqlite://:memory:",
            "",
            "file::memory:?cache=shared",
        ] {
            assert!(DatabaseFile::parse(raw).is_err(), "{raw}");
        }
    }
}
