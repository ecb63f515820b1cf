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

    /// Creates the directory the file goes in (`0700`) and the file itself (`0600`, empty) if
    /// missing, before SQLite opens it: SQLite gives the `-wal` and `-shm` files it creates
    /// the database file's mode, so none of the three is ever open to other users. Existing
    /// ones keep their mode, with a warning in the log if group or others may use them.
    pub fn create_private(&self) -> Result<(), UnexpectedError> {
        let failed = |what: &str, path: &Path, err| {
            UnexpectedError::with_source(format!("creating the {what} {}", path.display()), err)
        };
        account_private_files::create_parent_dir(&self.0)
            .map_err(|err| failed("directory of", &self.0, err))?;
        account_private_files::create_file(&self.0)
            .map_err(|err| failed("SQLite database", &self.0, err))?;
        if let Some(dir) = self.0.parent().filter(|d| !d.as_os_str().is_empty()) {
            account_private_files::warn_if_exposed(dir, "directory of the SQLite database");
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            account_private_files::warn_if_exposed(Path::new(&path), "SQLite database");
        }
        Ok(())
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

    #[cfg(unix)]
    #[test]
    fn the_directory_and_the_database_with_its_wal_and_shm_are_private() {
        use diesel::Connection;
        use diesel::connection::SimpleConnection;
        let mode = |path: &Path| format!("{:o}", account_private_files::mode(path).unwrap());
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data");
        let file = DatabaseFile::parse(&format!("sqlite://{}/accounts.db", dir.display())).unwrap();
        file.create_private().unwrap();
        let mut conn =
            diesel::sqlite::SqliteConnection::establish(&file.connection_string().unwrap())
                .unwrap();
        conn.batch_execute(
            "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
        )
        .unwrap();
        assert_eq!(mode(&dir), "700");
        for name in ["accounts.db", "accounts.db-wal", "accounts.db-shm"] {
            assert_eq!(mode(&dir.join(name)), "600", "{name}");
        }
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
