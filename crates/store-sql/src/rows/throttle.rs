use account_domain::UnexpectedError;
use account_domain::throttle::ThrottleKey;
use diesel::prelude::*;

use super::{count_to_store, stored_count};
use crate::schema::throttle_counters;
use crate::time::StoredTime;
use account_domain::throttle::CounterState;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = throttle_counters)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_null = true)]
pub struct ThrottleCounterRow {
    pub key: String,
    pub window_started_at: StoredTime,
    pub count: i32,
    pub blocked_until: Option<StoredTime>,
}

impl ThrottleCounterRow {
    pub fn new(key: &ThrottleKey, state: CounterState) -> Result<Self, UnexpectedError> {
        Ok(Self {
            key: key.as_str().to_owned(),
            window_started_at: StoredTime(state.window_started_at),
            count: count_to_store(state.count, "throttle count")?,
            blocked_until: state.blocked_until.map(StoredTime),
        })
    }

    pub fn state(&self) -> Result<CounterState, UnexpectedError> {
        Ok(CounterState {
            window_started_at: self.window_started_at.into(),
            count: stored_count(self.count, "throttle count")?,
            blocked_until: self.blocked_until.map(Into::into),
        })
    }
}
