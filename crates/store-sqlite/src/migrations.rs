use account_domain::UnexpectedError;
use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::location::DatabaseFile;

/// The SQLite migration tree, compiled in.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");

/// Creates the database file (and its directory) if missing, readable by this user only
/// ([`DatabaseFile::create_private`]), and applies the pending migrations, on a blocking thread.
pub async fn run_migrations(path_or_url: &str) -> Result<(), UnexpectedError> {
    let file = DatabaseFile::parse(path_or_url)?;
    tokio::task::spawn_blocking(move || migrate(&file))
        .await
        .map_err(|err| UnexpectedError::with_source("running SQLite migrations", err))?
}

fn migrate(file: &DatabaseFile) -> Result<(), UnexpectedError> {
    file.create_private()?;
    // A read-only file or directory (a read-only mount) fails here, with SQLite's terse
    // "unable to open database file": the context says what the operator should check.
    let opening = || {
        format!(
            "opening the SQLite database {} (the service writes to it and to its directory)",
            file.path().display()
        )
    };
    let mut conn = SqliteConnection::establish(&file.connection_string()?)
        .map_err(|err| UnexpectedError::with_source(opening(), err))?;
    conn.batch_execute(
        "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;",
    )
    .map_err(|err| UnexpectedError::with_source(opening(), err))?;
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map_err(|err| UnexpectedError::with_source("running SQLite migrations", err))?
        .len();
    if applied > 0 {
        tracing::info!(applied, path = %file.path().display(), "applied SQLite migrations");
    }
    Ok(())
}
