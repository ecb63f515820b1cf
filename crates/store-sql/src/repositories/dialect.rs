//! The few places where the backends differ, selected by the dialect name given to
//! `sql_repositories!` (`postgres` or `sqlite`).
//!
//! PostgreSQL runs transactions concurrently, so read-then-write code locks the rows it reads
//! (`FOR UPDATE`, `SKIP LOCKED` for outbox claims). SQLite has one writer connection and
//! starts every write transaction with `BEGIN IMMEDIATE`, which takes the write lock up
//! front: a transaction never reads under a snapshot that a concurrent writer then outdates,
//! so row locks are neither needed nor supported.

/// Runs an async closure in a write transaction; evaluates to its `Result`.
#[doc(hidden)]
#[macro_export]
macro_rules! __write_transaction {
    (postgres, $conn:expr, $error:ty, $body:expr) => {
        $crate::__private::diesel_async::AsyncConnection::transaction::<_, $error, _>($conn, $body)
            .await
    };
    (sqlite, $conn:expr, $error:ty, $body:expr) => {
        $conn.immediate_transaction::<_, $error, _>($body).await
    };
}

/// Locks the selected rows until the transaction ends.
#[doc(hidden)]
#[macro_export]
macro_rules! __lock_for_update {
    (postgres, $query:expr) => {
        $query.for_update()
    };
    (sqlite, $query:expr) => {
        $query
    };
}

/// Locks the selected rows, leaving out those another transaction holds.
#[doc(hidden)]
#[macro_export]
macro_rules! __lock_skip_locked {
    (postgres, $query:expr) => {
        $query.for_update().skip_locked()
    };
    (sqlite, $query:expr) => {
        $query
    };
}

/// Serialises the transactions that pass the same `key` (a `&str`) until they end, also when
/// no row exists yet to lock; evaluates to a `QueryResult<()>`.
#[doc(hidden)]
#[macro_export]
macro_rules! __serialize_on_key {
    (postgres, $conn:expr, $key:expr) => {
        $crate::__private::diesel_async::RunQueryDsl::execute(
            $crate::__private::diesel::sql_query(
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            )
            .bind::<$crate::__private::diesel::sql_types::Text, _>($key),
            $conn,
        )
        .await
        .map(|_| ())
    };
    (sqlite, $conn:expr, $key:expr) => {
        $crate::__private::diesel::QueryResult::Ok(())
    };
}
