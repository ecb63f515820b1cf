//! A store opened for several threads lends each thread the connections it opened, so that a
//! connection's I/O task (spawned on the runtime that opened it) runs where it is used, and
//! lends another thread's idle connection rather than wait when its own are all lent. Threads
//! are numbered in the order they first ask, process-wide: the tests with several shards take
//! turns, so that each one's two threads get consecutive numbers and so different shards (a
//! store for one thread numbers none).

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

/// Taken by the tests whose store has several shards.
static SEVERAL_SHARDS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn pid_of(conn: &mut Conn<'_>) -> diesel::QueryResult<i32> {
    let Conn::Postgres(conn) = conn else {
        unreachable!("a PostgreSQL store")
    };
    let backend: Backend = diesel::sql_query("SELECT pg_backend_pid() AS pid")
        .get_result(&mut **conn)
        .await?;
    Ok(backend.pid)
}

/// The server process behind the connection the calling thread is lent.
async fn backend_pid(store: &PgStore) -> i32 {
    store
        .database()
        .read("asking for the backend", |conn| {
            Box::pin(async move { Ok(pid_of(conn).await?) })
        })
        .await
        .expect("asking for the backend")
}

/// The backends of `depth` connections the calling thread holds at once, one asked for while
/// holding the ones before.
fn backends_held_at_once(
    store: PgStore,
    depth: usize,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Vec<i32>> + Send>> {
    Box::pin(async move {
        if depth == 0 {
            return Vec::new();
        }
        let inner_store = store.clone();
        store
            .database()
            .read("holding a connection", move |conn| {
                Box::pin(async move {
                    let pid = pid_of(conn).await?;
                    let mut pids = vec![pid];
                    pids.extend(backends_held_at_once(inner_store, depth - 1).await);
                    Ok(pids)
                })
            })
            .await
            .expect("a connection")
    })
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
        wait: std::time::Duration::from_secs(1),
        ..PoolLimits::of_size(4)
    };
    PgStore::connect(database.url(), limits)
        .await
        .expect("connecting to the test database")
}

#[tokio::test]
async fn each_thread_uses_the_connection_it_opened() {
    let _turn = SEVERAL_SHARDS.lock().await;
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

#[tokio::test]
async fn a_thread_whose_connections_are_all_lent_borrows_an_idle_one_of_another() {
    let _turn = SEVERAL_SHARDS.lock().await;
    let database = TestDatabase::create();
    let store = store_for(&database, 2).await;
    let (first_done, first_waits) = std::sync::mpsc::channel::<i32>();
    let (second_done, second_done_seen) = tokio::sync::oneshot::channel::<()>();
    let first = {
        let store = store.clone();
        std::thread::spawn(move || {
            runtime().block_on(async {
                first_done
                    .send(backend_pid(&store).await)
                    .expect("the second thread");
                second_done_seen.await.expect("the second thread");
            });
        })
    };
    let idle = first_waits.recv().expect("the first thread");
    let store_of_second = store.clone();
    let held = std::thread::spawn(move || {
        let held = runtime().block_on(backends_held_at_once(store_of_second, 3));
        second_done.send(()).expect("the first thread");
        held
    })
    .join()
    .expect("the second thread");
    first.join().expect("the first thread");

    assert_eq!(held.len(), 3, "three connections held at once: {held:?}");
    assert_ne!(held[0], idle, "the second thread starts on its own shard");
    assert_ne!(held[1], idle, "the second thread starts on its own shard");
    assert_eq!(
        held[2], idle,
        "with its own two lent, the second thread borrows the first one's idle connection"
    );
}
