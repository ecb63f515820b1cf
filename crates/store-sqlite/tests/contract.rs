//! The store contract suite against SQLite: each test gets its own file in a temporary
//! directory (in a subdirectory, so that `open` must create it).

use account_store_sqlite::SqliteStore;
use account_test_support::{RawStore, StoreUnderTest, test_sealer};

async fn sqlite_store() -> StoreUnderTest {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("data").join("account.db");
    let store = SqliteStore::open(path.to_str().expect("a UTF-8 path"))
        .await
        .expect("opening the SQLite store");
    let raw = RawStore::Sqlite { file: path };
    StoreUnderTest::new(store.repositories(test_sealer()), raw, (store, dir))
}

account_test_support::store_contract_tests!(sqlite_store());
