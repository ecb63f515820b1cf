//! Throttle counters are committed without waiting for their WAL to be written and flushed,
//! and only they: the setting lasts for the counters' own statement, and the next statement on
//! the same pooled connection (an account, a session) commits synchronously again.

use account_domain::throttle::{self, ThrottleKey, ThrottleRule};
use account_store_postgres::PgStore;
use account_store_sql::{Conn, PoolLimits};
use account_test_support::{TestDatabase, test_sealer};
use chrono::{Duration, TimeZone, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Integer, Text};
use diesel_async::RunQueryDsl;

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = Text)]
    value: String,
}

#[derive(QueryableByName)]
struct WalWrites {
    #[diesel(sql_type = BigInt)]
    wal_write: i64,
}

#[derive(QueryableByName)]
struct Version {
    #[diesel(sql_type = Integer)]
    version: i32,
}

const RULE: ThrottleRule = ThrottleRule {
    limit: 1_000,
    window: Duration::minutes(10),
    lockout: Duration::minutes(15),
};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap()
}

/// Runs `sql` on the store's one pooled connection.
async fn on_the_connection(store: &PgStore, sql: &'static str) {
    store
        .database()
        .read("running a statement", move |conn| {
            Box::pin(async move {
                let Conn::Postgres(conn) = conn else {
                    unreachable!("a PostgreSQL store")
                };
                diesel::sql_query(sql).execute(&mut **conn).await?;
                Ok(())
            })
        })
        .await
        .expect("running a statement");
}

/// The server's count of WAL writes, once the pooled connection's own counts are reported. A
/// synchronous commit writes (and flushes) its WAL itself; an asynchronous one leaves it to
/// the WAL writer, which writes many at once. Writes are counted whether or not the server
/// flushes them to disk (`fsync` may be off on a throwaway cluster).
async fn wal_writes(store: &PgStore) -> i64 {
    on_the_connection(store, "SELECT pg_stat_force_next_flush()").await;
    store
        .database()
        .read("reading the WAL writes", |conn| {
            Box::pin(async move {
                let Conn::Postgres(conn) = conn else {
                    unreachable!("a PostgreSQL store")
                };
                let server: Version = diesel::sql_query(
                    "SELECT current_setting('server_version_num')::int4 AS version",
                )
                .get_result(&mut **conn)
                .await?;
                // PostgreSQL 18 moved the WAL's I/O counts to pg_stat_io.
                let query = if server.version >= 180_000 {
                    "SELECT coalesce(sum(writes), 0)::int8 AS wal_write FROM pg_stat_io \
                     WHERE object = 'wal'"
                } else {
                    "SELECT wal_write FROM pg_stat_wal"
                };
                let writes: WalWrites = diesel::sql_query(query).get_result(&mut **conn).await?;
                Ok(writes.wal_write)
            })
        })
        .await
        .expect("reading the WAL's statistics")
}

#[tokio::test]
async fn counting_and_settling_leave_their_wal_to_the_wal_writer_and_other_writes_do_not() {
    let database = TestDatabase::create();
    let store = PgStore::connect(database.url(), PoolLimits::of_size(1))
        .await
        .expect("connecting to the test database");
    let repos = store.repositories(test_sealer());
    on_the_connection(&store, "CREATE TABLE durable (n INTEGER)").await;
    const WRITES: i64 = 60;

    let before = wal_writes(&store).await;
    for n in 0..WRITES {
        let key = ThrottleKey::new("login:id", &format!("flush-{n}"));
        throttle::count(&*repos.throttle, &key, &RULE, now())
            .await
            .expect("counting");
    }
    let counted = wal_writes(&store).await - before;

    let before = wal_writes(&store).await;
    for n in 0..WRITES {
        let key = ThrottleKey::new("login:id", &format!("flush-{n}"));
        throttle::settle(&*repos.throttle, &[key], &[], now())
            .await
            .expect("settling");
    }
    let settled = wal_writes(&store).await - before;
    let keys: Vec<ThrottleKey> = (0..WRITES)
        .map(|n| ThrottleKey::new("login:id", &format!("flush-{n}")))
        .collect();
    let counts = repos.throttle.counters(&keys).await.expect("reading");
    assert!(
        counts
            .iter()
            .all(|state| state.is_some_and(|s| s.count == 0)),
        "every settlement was written: {counts:?}"
    );

    let before = wal_writes(&store).await;
    for _ in 0..WRITES {
        on_the_connection(&store, "INSERT INTO durable VALUES (1)").await;
    }
    let durable = wal_writes(&store).await - before;

    assert!(
        durable >= WRITES,
        "every ordinary commit writes its WAL: {durable} writes for {WRITES} commits"
    );
    assert!(
        counted < WRITES / 2,
        "counts are committed without waiting: {counted} writes for {WRITES} counts"
    );
    assert!(
        settled < WRITES / 2,
        "settlements are committed without waiting: {settled} writes for {WRITES} settlements"
    );
}

#[tokio::test]
async fn counting_leaves_the_connection_committing_synchronously() {
    let database = TestDatabase::create();
    let store = PgStore::connect(database.url(), PoolLimits::of_size(1))
        .await
        .expect("connecting to the test database");
    let repos = store.repositories(test_sealer());
    let key = ThrottleKey::new("login:id", "async-commit");
    for _ in 0..2 {
        throttle::count(&*repos.throttle, &key, &RULE, now())
            .await
            .expect("counting");
    }
    let stored = repos.throttle.counters(&[key]).await.expect("reading");
    assert_eq!(stored[0].map(|state| state.count), Some(2), "both counted");

    let setting = store
        .database()
        .read("reading the commit setting", |conn| {
            Box::pin(async move {
                let Conn::Postgres(conn) = conn else {
                    unreachable!("a PostgreSQL store")
                };
                let setting: Setting =
                    diesel::sql_query("SELECT current_setting('synchronous_commit') AS value")
                        .get_result(&mut **conn)
                        .await?;
                Ok(setting.value)
            })
        })
        .await
        .expect("reading the setting on the pool's one connection");
    assert_eq!(setting, "on");
}
