//! A fresh PostgreSQL database per test, dropped afterwards.

mod admin;
mod url;

use std::sync::Once;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Databases made here are named `acct_test_<unix seconds>_<pid>_<counter>_<random>`.
const NAME_PREFIX: &str = "acct_test_";
/// Leftovers of crashed runs older than this are dropped.
const LEFTOVER_AGE_SECS: u64 = 3600;
const DEFAULT_SERVER_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A database of its own for one test, on the server at `DATABASE_URL` (default
/// `postgres://postgres@127.0.0.1:5432/postgres`). Dropped (`WITH (FORCE)`) when this value
/// is. Tests never skip: if the server cannot be reached, [`create`](Self::create) panics
/// naming the URL it tried.
pub struct TestDatabase {
    server_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    /// Creates the database; blocks until it exists. The first call of a process also drops
    /// leftovers of crashed runs older than an hour.
    pub fn create() -> Self {
        let server_url =
            std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_SERVER_URL.to_owned());
        static SWEEP: Once = Once::new();
        SWEEP.call_once(|| sweep_leftovers(&server_url));
        let name = unique_name();
        if let Err(err) = admin::execute(&server_url, vec![format!("CREATE DATABASE \"{name}\"")]) {
            panic!(
                "TestDatabase: cannot create a database on PostgreSQL at {} ({err}). Start PostgreSQL \
                 or set DATABASE_URL to a server this user may create databases on (scripts/test does).",
                url::redacted(&server_url)
            );
        }
        let url = url::with_database(&server_url, &name);
        Self {
            server_url,
            name,
            url,
        }
    }

    /// The URL of this test's database.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let drop = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        if let Err(err) = admin::execute(&self.server_url, vec![drop]) {
            eprintln!("TestDatabase: could not drop {}: {err}", self.name);
        }
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let counter = COUNTER.fetch_add(1, Ordering::Relaxed);
    let random = now.subsec_nanos() ^ std::process::id().rotate_left(16) ^ counter.rotate_left(8);
    format!(
        "{NAME_PREFIX}{}_{}_{counter}_{random:08x}",
        now.as_secs(),
        std::process::id()
    )
}

/// When a database of ours was created, read from its name.
fn created_at_secs(name: &str) -> Option<u64> {
    name.strip_prefix(NAME_PREFIX)?
        .split('_')
        .next()?
        .parse()
        .ok()
}

fn sweep_leftovers(server_url: &str) {
    let Ok(names) = admin::database_names(server_url, NAME_PREFIX) else {
        return; // unreachable server: `create` reports it.
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let stale: Vec<String> = names
        .into_iter()
        .filter(|name| {
            created_at_secs(name)
                .is_some_and(|created| now.saturating_sub(created) > LEFTOVER_AGE_SECS)
        })
        .map(|name| format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .collect();
    if let Err(err) = admin::execute(server_url, stale) {
        eprintln!("TestDatabase: could not drop leftovers of earlier runs: {err}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_carry_their_creation_time() {
        let (a, b) = (unique_name(), unique_name());
        assert_ne!(a, b);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        assert!(
            created_at_secs(&a).is_some_and(|secs| now.abs_diff(secs) < 5),
            "{a}"
        );
        assert_eq!(created_at_secs("acct_test_x_1"), None);
        assert_eq!(created_at_secs("other_123"), None);
        assert!(a.len() <= 63, "PostgreSQL truncates identifiers: {a}");
    }
}
