use account_domain::UnexpectedError;
use diesel::result::Error as DieselError;
use diesel_async::AsyncConnection;

use super::{Conn, PgPool, Work};
use crate::errors::no_connection;

async fn connection<E: From<UnexpectedError>>(
    pool: &PgPool,
) -> Result<diesel_async::pooled_connection::deadpool::Object<diesel_async::AsyncPgConnection>, E> {
    pool.get()
        .await
        .map_err(|err| no_connection("getting a PostgreSQL connection")(err).into())
}

pub(super) async fn read<T, E, F>(pool: &PgPool, work: F) -> Result<T, E>
where
    E: From<UnexpectedError>,
    F: for<'c, 'k> FnOnce(&'c mut Conn<'k>) -> Work<'c, T, E>,
{
    let mut guard = connection::<E>(pool).await?;
    work(&mut Conn::Postgres(&mut guard)).await
}

pub(super) async fn transaction<T, E, F>(pool: &PgPool, work: F) -> Result<T, E>
where
    T: Send,
    E: From<DieselError> + From<UnexpectedError> + Send,
    F: for<'c, 'k> FnOnce(&'c mut Conn<'k>) -> Work<'c, T, E> + Send,
{
    let mut guard = connection::<E>(pool).await?;
    guard
        .transaction::<T, E, _>(async move |conn| work(&mut Conn::Postgres(conn)).await)
        .await
}
