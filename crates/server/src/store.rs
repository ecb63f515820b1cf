//! Opens the store named by the database URL, and names it in the log without credentials.

use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::secrets::{SealError, SecretSealer};
use account_domain::store::Repositories;
use account_store_postgres::PgStore;
use account_store_sql::PoolLimits;
use account_store_sqlite::SqliteStore;

/// `postgres://` / `postgresql://` → PostgreSQL; `sqlite://path`, `sqlite:path` or a bare path
/// → SQLite; any other `scheme://` is refused (rather than taken for a file path).
/// Migrations are applied on open. Returns every repository of the store; the secret
/// parameters of outbox messages are sealed with `sealer`.
pub async fn open_sealed(
    url: &str,
    pool: PoolLimits,
    sealer: Arc<dyn SecretSealer>,
) -> Result<Repositories, UnexpectedError> {
    let database = redacted(url);
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        tracing::info!(%database, "store: PostgreSQL");
        Ok(PgStore::connect(url, pool).await?.repositories(sealer))
    } else if url.contains("://") && !url.starts_with("sqlite://") {
        Err(UnexpectedError::new(format!(
            "unsupported database URL {database}: use postgres://, postgresql:// or sqlite://"
        )))
    } else {
        tracing::info!(%database, "store: SQLite");
        let readers = PoolLimits {
            size: SqliteStore::DEFAULT_READERS,
            ..pool
        };
        Ok(SqliteStore::open_with(url, readers)
            .await?
            .repositories(sealer))
    }
}

/// [`open_sealed`] for the commands that queue no message (`migrate`, the operator commands):
/// without the outbox key, sealing a message's secret part is refused.
pub async fn open(url: &str, pool_size: usize) -> Result<Repositories, UnexpectedError> {
    open_sealed(url, PoolLimits::of_size(pool_size), Arc::new(NoOutboxKey)).await
}

/// The sealer of a store opened without the outbox key.
struct NoOutboxKey;

impl SecretSealer for NoOutboxKey {
    fn seal(&self, _: &[u8]) -> Result<Vec<u8>, SealError> {
        Err(SealError::Unavailable(
            "the store was opened without the outbox key".into(),
        ))
    }

    fn open(&self, _: &[u8]) -> Result<Vec<u8>, SealError> {
        Err(SealError::Unopenable)
    }
}

/// Shown instead of a database URL that cannot be read as one.
const UNREADABLE: &str = "<unreadable database URL>";

/// A database URL as the log may show it: scheme, host, port and database name (for SQLite,
/// the file's path), without user, password, query string or fragment. A URL that cannot be
/// read so is not echoed at all: a password written unencoded could be any part of it.
pub fn redacted(url: &str) -> String {
    let shown = match url.split_once("://") {
        Some((scheme @ ("postgres" | "postgresql"), rest)) => postgres(scheme, rest),
        Some(("sqlite", path)) => sqlite(path),
        Some(_) => None,
        None => sqlite(url.strip_prefix("sqlite:").unwrap_or(url)),
    };
    shown.unwrap_or_else(|| UNREADABLE.to_owned())
}

/// `[user[:password]@]host[:port][,host[:port]...][/database][?query][#fragment]`
fn postgres(scheme: &str, rest: &str) -> Option<String> {
    let (authority, after) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    // An `@` past the authority: a password with an unencoded `/`, `?` or `#` in it.
    if after.contains('@') {
        return None;
    }
    let hosts = authority
        .rsplit_once('@')
        .map_or(authority, |(_, hosts)| hosts);
    let database = after
        .strip_prefix('/')
        .map_or("", |path| path.split(['?', '#']).next().unwrap_or(""));
    let database_char = |c: char| c.is_ascii_alphanumeric() || "-._~%".contains(c);
    if !hosts.split(',').all(host_and_port) || !database.chars().all(database_char) {
        return None;
    }
    Some(match database {
        "" => format!("{scheme}://{hosts}"),
        name => format!("{scheme}://{hosts}/{name}"),
    })
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`; an empty host is a local socket.
fn host_and_port(authority: &str) -> bool {
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((v6, rest))
                if v6
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || ".:".contains(c)) =>
            {
                (
                    None,
                    rest.strip_prefix(':').or((rest.is_empty()).then_some("")),
                )
            }
            _ => return false,
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), Some("")),
        },
    };
    let host_ok = host.is_none_or(|h| {
        h.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._%".contains(c))
    });
    let port_ok = port.is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

/// The file's path, without a query string; not shown if it looks like it holds credentials
/// (an `@`) or could forge log lines (control characters).
fn sqlite(path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap_or("");
    if path.contains('@') || path.chars().any(char::is_control) {
        return None;
    }
    Some(format!("sqlite://{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls_keep_scheme_host_port_and_database_only() {
        for (url, shown) in [
            (
                "postgres://u:secret@h:5432/db?password=secret&sslmode=require",
                "postgres://h:5432/db",
            ),
            ("postgres://h/db?password=secret", "postgres://h/db"),
            (
                "postgresql://u@db.internal/accounts",
                "postgresql://db.internal/accounts",
            ),
            ("postgres://u:p@ss@h:5433/db#frag", "postgres://h:5433/db"),
            ("postgres://u:pw@[::1]:5432/db", "postgres://[::1]:5432/db"),
            (
                "postgres://u:pw@h1:5432,h2:5433/db",
                "postgres://h1:5432,h2:5433/db",
            ),
            ("postgres://u:pw@h", "postgres://h"),
            ("postgres:///db?host=/run/postgresql", "postgres:///db"),
            ("postgres://h:5432?password=secret", "postgres://h:5432"),
        ] {
            assert_eq!(redacted(url), shown, "{url}");
        }
    }

    #[test]
    fn unreadable_urls_are_not_echoed() {
        for url in [
            // Passwords with an unencoded `/`, `#` or `?`: the authority ends inside them.
            "postgres://u:se/cret@h/db",
            "postgres://u:1234#secret@h/db",
            "postgres://u:1234?secret@h/db",
            "postgres://u:secret",
            "postgres://h:secret/db",
            "postgres://h/db name",
            "postgres://[::1/db",
            "mysql://u:secret@h/db",
            "postgres+tls://u:secret@h/db",
            "u:secret@h/db",
            "data/accounts.db\nforged line",
        ] {
            let shown = redacted(url);
            assert_eq!(shown, UNREADABLE, "{url}");
        }
    }

    #[test]
    fn sqlite_urls_show_the_path_without_a_query() {
        assert_eq!(
            redacted("sqlite://data/accounts.db"),
            "sqlite://data/accounts.db"
        );
        assert_eq!(
            redacted("sqlite:///var/lib/a.db?mode=rwc"),
            "sqlite:///var/lib/a.db"
        );
        assert_eq!(redacted("sqlite:data/a.db"), "sqlite://data/a.db");
        assert_eq!(redacted("data/a.db"), "sqlite://data/a.db");
    }

    #[tokio::test]
    async fn other_schemes_are_refused_without_echoing_the_url() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("mysql://u:secret@{}/db", dir.path().display());
        let error = open(&url, 1).await.err().expect("refused");
        let message = format!("{error:?}");
        assert!(message.contains("unsupported database URL"), "{message}");
        assert!(!message.contains("secret"), "{message}");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nothing created"
        );
    }
}
