use std::future::Future;
use std::ops::DerefMut;

use account_domain::UnexpectedError;

/// Where the generated repositories take their connections.
///
/// `reader` serves plain reads; `writer` serves every write and every transaction, and a
/// repository method takes exactly one connection, so a pool of one writer cannot deadlock.
/// SQLite allows one writer at a time: its store hands out a single writer connection, so
/// writers queue in the pool instead of failing with `SQLITE_BUSY`. PostgreSQL hands out
/// any pooled connection for both.
pub trait ConnectionSource: Clone + Send + Sync + 'static {
    type Connection: Send + 'static;
    type Guard: DerefMut<Target = Self::Connection> + Send;

    fn reader(&self) -> impl Future<Output = Result<Self::Guard, UnexpectedError>> + Send;

    fn writer(&self) -> impl Future<Output = Result<Self::Guard, UnexpectedError>> + Send;
}
