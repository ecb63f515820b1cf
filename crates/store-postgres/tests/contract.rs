//! The store contract suite against PostgreSQL: each test gets its own database on the server
//! at `DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`).

use account_store_postgres::PgStore;
use account_test_support::{RawStore, StoreUnderTest, TestDatabase, test_sealer};

async fn pg_store() -> StoreUnderTest {
    let database = TestDatabase::create();
    let store = PgStore::connect(database.url(), account_store_sql::PoolLimits::of_size(8))
        .await
        .expect("connecting to the test database");
    let raw = RawStore::Postgres {
        url: database.url().to_owned(),
    };
    StoreUnderTest::new(store.repositories(test_sealer()), raw, (store, database))
}

account_test_support::store_contract_tests!(pg_store());
