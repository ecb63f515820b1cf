//! Statements prepared once per connection, even those diesel would prepare on every run.
//!
//! diesel caches a prepared statement under its Rust type when the SQL can be told from the
//! type alone; an `UPDATE`, an upsert or an `INSERT` with a defaultable value can render
//! different SQL for one type (a skipped `None`, `DEFAULT`), so diesel prepares them again on
//! every run: one more round trip to PostgreSQL and one more parse and plan. Under
//! [`keyed_by_sql`] a statement is cached under its SQL text and bind types instead, which is
//! right whatever SQL it renders; each distinct text is one cache entry, so it is meant for
//! statements of a fixed shape (not batch inserts of any length).

use diesel::backend::Backend;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::result::QueryResult;

/// `query`, cached under its SQL text (see the module).
pub fn keyed_by_sql<Q>(query: Q) -> KeyedBySql<Q> {
    KeyedBySql(query)
}

#[derive(Debug, Clone, Copy)]
pub struct KeyedBySql<Q>(Q);

impl<Q> QueryId for KeyedBySql<Q> {
    type QueryId = ();
    // Without a static id, the cache key is the SQL text and the bind types.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for KeyedBySql<Q> {
    type SqlType = Q::SqlType;
}

impl<DB: Backend, Q: QueryFragment<DB>> QueryFragment<DB> for KeyedBySql<Q> {
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &DB) -> QueryResult<bool> {
        Ok(true)
    }
}
