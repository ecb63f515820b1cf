//! Every pooled connection plans a prepared statement once and keeps the plan: the throttle's
//! read of several counters (an array parameter), which PostgreSQL's default planned again on
//! every run, runs on its generic plan from the first run on.

use account_domain::throttle::ThrottleKey;
use account_store_postgres::PgStore;
use account_store_sql::{Conn, PoolLimits};
use account_test_support::{TestDatabase, test_sealer};
use diesel::QueryableByName;
use diesel::sql_types::BigInt;
use diesel_async::RunQueryDsl;

#[derive(QueryableByName)]
struct Plans {
    #[diesel(sql_type = BigInt)]
    generic: i64,
    #[diesel(sql_type = BigInt)]
    custom: i64,
}

#[tokio::test]
async fn the_counters_read_is_planned_once_and_its_plan_kept() {
    let database = TestDatabase::create();
    let store = PgStore::connect(database.url(), PoolLimits::of_size(1))
        .await
        .expect("connecting to the test database");
    let repos = store.repositories(test_sealer());
    let keys = [
        ThrottleKey::new("login:id", "plans@example.com"),
        ThrottleKey::per_ip("login:ip", "192.0.2.1"),
    ];
    const RUNS: i64 = 8;
    for _ in 0..RUNS {
        repos.throttle.counters(&keys).await.expect("reading");
    }

    let plans = store
        .database()
        .read("reading the plans", |conn| {
            Box::pin(async move {
                let Conn::Postgres(conn) = conn else {
                    unreachable!("a PostgreSQL store")
                };
                let plans: Plans = diesel::sql_query(
                    "SELECT generic_plans AS generic, custom_plans AS custom \
                     FROM pg_prepared_statements \
                     WHERE statement LIKE 'SELECT%FROM \"throttle_counters\"%ANY%'",
                )
                .get_result(&mut **conn)
                .await?;
                Ok(plans)
            })
        })
        .await
        .expect("reading the plans");
    assert_eq!(plans.custom, 0, "no run was planned for its own parameters");
    assert_eq!(plans.generic, RUNS, "every run used the kept plan");
}
