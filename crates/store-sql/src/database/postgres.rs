use account_domain::UnexpectedError;
use diesel::result::Error as DieselError;
use diesel_async::AsyncConnection;

use super::{Conn, PgPools, Work};
use crate::errors::no_connection;

async fn connection<E: From<UnexpectedError>>(
    pools: &PgPools,
) -> Result<super::pg_pools::PgConnection, E> {
    pools
        .get()
        .await
        .map_err(|err| no_connection("getting a PostgreSQL connection")(err).into())
}

pub(super) async fn read<T, E, F>(pools: &PgPools, work: F) -> Result<T, E>
where
    E: From<UnexpectedError>,
    F: for<'c, 'k> FnOnce(&'c mut Conn<'k>) -> Work<'c, T, E>,
{
    let mut guard = connection::<E>(pools).await?;
    work(&mut Conn::Postgres(&mut guard)).await
}

pub(super) async fn transaction<T, E, F>(pools: &PgPools, work: F) -> Result<T, E>
where
    T: Send,
    E: From<DieselError> + From<UnexpectedError> + Send,
    F: for<'c, 'k> FnOnce(&'c mut Conn<'k>) -> Work<'c, T, E> + Send,
{
    let mut guard = connection::<E>(pools).await?;
    guard
        .transaction::<T, E, _>(async move |conn| work(&mut Conn::Postgres(conn)).await)
        .await
}
