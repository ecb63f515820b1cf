//! Statements on the server's maintenance database, run to completion from any context.
//!
//! `TestDatabase` is created from async tests and dropped in `Drop`, where nothing can be
//! awaited; so each admin task runs on a helper thread with its own small runtime.

use std::future::Future;

use diesel::QueryableByName;
use diesel::sql_types::Text;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

#[derive(QueryableByName)]
struct DatabaseName {
    #[diesel(sql_type = Text)]
    datname: String,
}

/// Runs `statements` in order on the server at `admin_url`.
pub fn execute(admin_url: &str, statements: Vec<String>) -> Result<(), String> {
    let url = admin_url.to_owned();
    on_helper_thread(async move {
        let mut conn = AsyncPgConnection::establish(&url)
            .await
            .map_err(|e| e.to_string())?;
        for statement in statements {
            diesel::sql_query(&statement)
                .execute(&mut conn)
                .await
                .map_err(|e| format!("{statement}: {e}"))?;
        }
        Ok(())
    })
}

/// Names of the databases whose name starts with `prefix`.
pub fn database_names(admin_url: &str, prefix: &str) -> Result<Vec<String>, String> {
    let url = admin_url.to_owned();
    let pattern = format!("{}%", prefix.replace('_', "\\_"));
    on_helper_thread(async move {
        let mut conn = AsyncPgConnection::establish(&url)
            .await
            .map_err(|e| e.to_string())?;
        let names: Vec<DatabaseName> =
            diesel::sql_query("SELECT datname FROM pg_database WHERE datname LIKE $1")
                .bind::<Text, _>(pattern)
                .load(&mut conn)
                .await
                .map_err(|e| e.to_string())?;
        Ok(names.into_iter().map(|n| n.datname).collect())
    })
}

fn on_helper_thread<T: Send + 'static>(
    work: impl Future<Output = Result<T, String>> + Send + 'static,
) -> Result<T, String> {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(work)
    })
    .join()
    .map_err(|_| "the admin thread panicked".to_owned())?
}
