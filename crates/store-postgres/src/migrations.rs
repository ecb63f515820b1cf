use account_domain::UnexpectedError;
use diesel::{Connection, RunQueryDsl};
use diesel_async::AsyncPgConnection;
use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

/// The PostgreSQL migration tree, compiled in.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// The `pg_advisory_lock` key of migrations: "accounts" in ASCII, the same for every instance.
const MIGRATION_LOCK_KEY: i64 = 0x6163_636f_756e_7473;

/// Applies the pending migrations. Instances starting together take turns (an advisory lock),
/// so each migration runs once. Runs the synchronous migration harness on a blocking thread.
pub async fn run_migrations(url: &str) -> Result<(), UnexpectedError> {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || migrate(&url))
        .await
        .map_err(|err| UnexpectedError::with_source("running PostgreSQL migrations", err))?
}

fn migrate(url: &str) -> Result<(), UnexpectedError> {
    let mut conn: AsyncConnectionWrapper<AsyncPgConnection> = Connection::establish(url)
        .map_err(|err| UnexpectedError::with_source("connecting to PostgreSQL to migrate", err))?;
    advisory(&mut conn, "pg_advisory_lock")?;
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map(|versions| versions.len());
    advisory(&mut conn, "pg_advisory_unlock")?;
    let applied = applied
        .map_err(|err| UnexpectedError::with_source("running PostgreSQL migrations", err))?;
    if applied > 0 {
        tracing::info!(applied, "applied PostgreSQL migrations");
    }
    Ok(())
}

/// Takes or releases the migration lock.
fn advisory(
    conn: &mut AsyncConnectionWrapper<AsyncPgConnection>,
    function: &str,
) -> Result<(), UnexpectedError> {
    diesel::sql_query(format!("SELECT {function}({MIGRATION_LOCK_KEY})"))
        .execute(conn)
        .map(|_| ())
        .map_err(|err| UnexpectedError::with_source(format!("{function} for migrations"), err))
}
