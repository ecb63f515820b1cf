//! `keyed_by_sql` on PostgreSQL: a statement diesel would prepare on every run (here an upsert
//! whose row has a defaultable value, the shape of the throttle counters' upsert) is prepared
//! once per connection and kept, one prepared statement per SQL text it renders. Without the
//! wrapper diesel prepares it for each run and closes it after, so none stays prepared.

use account_store_sql::keyed_by_sql;
use account_test_support::TestDatabase;
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::upsert::excluded;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};

diesel::table! {
    counters (key) {
        key -> Text,
        count -> Integer,
        note -> Nullable<Text>,
    }
}

#[derive(Insertable)]
#[diesel(table_name = counters)]
struct NewCounter<'a> {
    key: &'a str,
    count: i32,
    note: Option<&'a str>,
}

#[derive(QueryableByName)]
struct Prepared {
    #[diesel(sql_type = Text)]
    name: String,
}

/// The names of the statements this session keeps prepared that write `counters`.
async fn prepared_upserts(conn: &mut AsyncPgConnection) -> Vec<String> {
    diesel::sql_query(
        "SELECT name FROM pg_prepared_statements \
         WHERE statement LIKE 'INSERT INTO \"counters\"%' ORDER BY name",
    )
    .load::<Prepared>(conn)
    .await
    .expect("listing the prepared statements")
    .into_iter()
    .map(|prepared| prepared.name)
    .collect()
}

async fn upsert(conn: &mut AsyncPgConnection, row: &NewCounter<'_>, keyed: bool) {
    let statement = diesel::insert_into(counters::table)
        .values(row)
        .on_conflict(counters::key)
        .do_update()
        .set(counters::count.eq(excluded(counters::count)));
    let result = if keyed {
        keyed_by_sql(statement).execute(conn).await
    } else {
        statement.execute(conn).await
    };
    result.expect("upserting a counter");
}

#[tokio::test]
async fn a_statement_keyed_by_its_sql_is_prepared_once_per_connection() {
    let database = TestDatabase::create();
    let mut conn = AsyncPgConnection::establish(database.url())
        .await
        .expect("connecting to the test database");
    conn.batch_execute(
        "CREATE TABLE counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, note TEXT)",
    )
    .await
    .expect("creating the table");
    let with_note = NewCounter {
        key: "a",
        count: 1,
        note: Some("n"),
    };
    let without_note = NewCounter {
        key: "b",
        count: 1,
        note: None,
    };

    // Without the wrapper: prepared for the run, closed after it.
    upsert(&mut conn, &with_note, false).await;
    upsert(&mut conn, &with_note, false).await;
    assert_eq!(prepared_upserts(&mut conn).await, Vec::<String>::new());

    upsert(&mut conn, &with_note, true).await;
    let first = prepared_upserts(&mut conn).await;
    assert_eq!(first.len(), 1, "prepared on the first run: {first:?}");
    upsert(
        &mut conn,
        &NewCounter {
            count: 2,
            ..with_note
        },
        true,
    )
    .await;
    assert_eq!(
        prepared_upserts(&mut conn).await,
        first,
        "the second run prepares nothing"
    );

    // A `None` renders `DEFAULT`: another SQL text, another statement, kept as well.
    upsert(&mut conn, &without_note, true).await;
    upsert(&mut conn, &without_note, true).await;
    let both = prepared_upserts(&mut conn).await;
    assert_eq!(both.len(), 2, "one statement per SQL text: {both:?}");
    assert!(both.contains(&first[0]));
}
