//! Instants as both backends store them.
//!
//! diesel's `Timestamptz` exists only on PostgreSQL and `TimestamptzSqlite` only on SQLite, so
//! one `table!` for both needs its own SQL type. [`UtcTimestamp`] is `TIMESTAMPTZ` on
//! PostgreSQL and fixed-width UTC text (`YYYY-MM-DD HH:MM:SS.ffffff`) on SQLite, where text
//! order is then time order. Both keep microseconds, so a value reads back the same on either.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::query_builder::QueryId;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{SqlType, Timestamp, Timestamptz};
use diesel::sqlite::{Sqlite, SqliteValue};

/// The SQL type of every time column.
#[derive(Debug, Clone, Copy, Default, QueryId, SqlType)]
#[diesel(postgres_type(oid = 1184, array_oid = 1185))]
#[diesel(sqlite_type(name = "Text"))]
pub struct UtcTimestamp;

/// An instant as bound to and read from a [`UtcTimestamp`] column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, AsExpression, FromSqlRow)]
#[diesel(sql_type = UtcTimestamp)]
pub struct StoredTime(pub DateTime<Utc>);

impl From<DateTime<Utc>> for StoredTime {
    fn from(instant: DateTime<Utc>) -> Self {
        Self(instant)
    }
}

impl From<StoredTime> for DateTime<Utc> {
    fn from(stored: StoredTime) -> Self {
        stored.0
    }
}

/// What SQLite stores: microseconds, like PostgreSQL, in a fixed width.
const SQLITE_FORMAT: &str = "%Y-%m-%d %H:%M:%S%.6f";

impl ToSql<UtcTimestamp, Pg> for StoredTime {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        <DateTime<Utc> as ToSql<Timestamptz, Pg>>::to_sql(&self.0, out)
    }
}

impl FromSql<UtcTimestamp, Pg> for StoredTime {
    fn from_sql(bytes: PgValue<'_>) -> deserialize::Result<Self> {
        <DateTime<Utc> as FromSql<Timestamptz, Pg>>::from_sql(bytes).map(Self)
    }
}

impl ToSql<UtcTimestamp, Sqlite> for StoredTime {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.0.format(SQLITE_FORMAT).to_string());
        Ok(IsNull::No)
    }
}

impl FromSql<UtcTimestamp, Sqlite> for StoredTime {
    fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Sqlite>>::from_sql(value)
            .map(|naive| Self(naive.and_utc()))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn sqlite_text_keeps_microseconds_in_a_fixed_width() {
        let instant = Utc.with_ymd_and_hms(2026, 11, 23, 9, 5, 7).unwrap()
            + chrono::Duration::nanoseconds(1_234_567);
        assert_eq!(
            instant.format(SQLITE_FORMAT).to_string(),
            "2026-11-23 09:05:07.001234"
        );
        let whole = Utc.with_ymd_and_hms(2026, 11, 23, 9, 5, 7).unwrap();
        assert_eq!(
            whole.format(SQLITE_FORMAT).to_string(),
            "2026-11-23 09:05:07.000000"
        );
    }
}
