//! A store opened for several threads lends each thread the connections it opened, so that a
//! connection's I/O task (spawned on the runtime that opened it) runs where it is used. Only
//! the first test spawns threads that are given numbers (a store for one thread gives none), so
//! its two threads get consecutive numbers and so different shards.

use account_store_postgres::PgStore;
use account_store_sql::{Conn, PoolLimits};
use account_test_support::TestDatabase;
use diesel::sql_types::Integer;
use diesel_async::RunQueryDsl;

#[derive(diesel::QueryableByName)]
struct Backend {
    #[diesel(sql_type = Integer)]
    pid: i32,
}

/// The server process behind the connection the calling thread is lent.
async fn backend_pid(store: &PgStore) -> i32 {
    store
        .database()
        .read("asking for the backend", |conn| {
            Box::pin(async move {
                let Conn::Postgres(conn) = conn else {
                    unreachable!("a PostgreSQL store")
                };
                let backend: Backend = diesel::sql_query("SELECT pg_backend_pid() AS pid")
                    .get_result(&mut **conn)
                    .await?;
                Ok(backend.pid)
            })
        })
        .await
        .expect("asking for the backend")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// The backends two threads are lent, each asking twice on a single-threaded runtime of its
/// own, as an HTTP worker does: the second thread asks while the first one's runtime still
/// runs (and so still drives the connection it opened), then both finish.
fn backends_of_two_threads(store: &PgStore) -> ([i32; 2], [i32; 2]) {
    let (first_done, first_waits) = std::sync::mpsc::channel::<()>();
    let (second_done, second_done_seen) = tokio::sync::oneshot::channel::<()>();
    let first = {
        let store = store.clone();
        std::thread::spawn(move || {
            runtime().block_on(async {
                let pids = [backend_pid(&store).await, backend_pid(&store).await];
                first_done.send(()).expect("the second thread");
                second_done_seen.await.expect("the second thread");
                pids
            })
        })
    };
    let second = {
        let store = store.clone();
        std::thread::spawn(move || {
            first_waits.recv().expect("the first thread");
            let pids = runtime()
                .block_on(async { [backend_pid(&store).await, backend_pid(&store).await] });
            second_done.send(()).expect("the first thread");
            pids
        })
    };
    let second = second.join().expect("the second thread");
    (first.join().expect("the first thread"), second)
}

async fn store_for(database: &TestDatabase, threads: usize) -> PgStore {
    let limits = PoolLimits {
        threads,
        ..PoolLimits::of_size(4)
    };
    PgStore::connect(database.url(), limits)
        .await
        .expect("connecting to the test database")
}

#[tokio::test]
async fn each_thread_uses_the_connection_it_opened() {
    let database = TestDatabase::create();
    let store = store_for(&database, 2).await;
    let (first, second) = backends_of_two_threads(&store);
    assert_eq!(first[0], first[1], "a thread keeps its connection");
    assert_eq!(second[0], second[1], "a thread keeps its connection");
    assert_ne!(
        first[0], second[0],
        "the second thread was lent the first one's connection"
    );
    assert_eq!(store.database().connections().open, 2);
}

#[tokio::test]
async fn a_store_for_one_thread_lends_an_idle_connection_to_any_thread() {
    let database = TestDatabase::create();
    let store = store_for(&database, 1).await;
    let (first, second) = backends_of_two_threads(&store);
    assert_eq!(first, second);
    assert_eq!(store.database().connections().open, 1);
}
