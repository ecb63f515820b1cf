//! `AccountDirectory`: the administration's account search, and the deleted accounts waiting
//! for anonymisation.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::admin::{AccountDirectory, AccountPage, AccountQuery, AccountState};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text};
use diesel_async::RunQueryDsl;

use crate::rows::AccountRow;
use crate::schema::accounts;
use crate::time::StoredTime;
use crate::{Database, db_run};

diesel::define_sql_function!(fn lower(x: Nullable<Text>) -> Nullable<Text>);

pub struct SqlAccountDirectory {
    db: Database,
}

impl SqlAccountDirectory {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

/// `%text%` for `LIKE ... ESCAPE '\'`, with `%`, `_` and `\` in `text` matched literally.
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The filters of an account search, as `LIKE` patterns.
#[derive(Clone)]
struct Filters {
    email: Option<String>,
    name: Option<String>,
    /// Role names are not substrings of one another, so `%ROLE%` on the stored
    /// comma-separated list matches exactly the accounts holding it.
    role: Option<String>,
    state: Option<AccountState>,
}

impl Filters {
    fn of(query: &AccountQuery) -> Self {
        Self {
            email: query.email.as_ref().map(|e| contains_pattern(e.as_str())),
            name: query.name.as_ref().map(|n| contains_pattern(n.as_str())),
            role: query.role.map(|r| format!("%{}%", r.as_str())),
            state: query.state,
        }
    }
}

/// The accounts matching `filters` as a boxed query of the connection's backend.
macro_rules! matching {
    ($filters:expr) => {{
        let filters: &Filters = $filters;
        let mut found = accounts::table.into_boxed();
        if let Some(email) = &filters.email {
            found = found.filter(accounts::email_lower.like(email.clone()).escape('\\'));
        }
        if let Some(name) = &filters.name {
            found = found.filter(
                lower(accounts::name)
                    .like(name.clone())
                    .escape('\\')
                    .or(lower(accounts::first_name).like(name.clone()).escape('\\'))
                    .or(lower(accounts::last_name).like(name.clone()).escape('\\')),
            );
        }
        if let Some(role) = &filters.role {
            found = found.filter(accounts::roles.like(role.clone()));
        }
        match filters.state {
            Some(AccountState::Active) => {
                found = found
                    .filter(accounts::deleted_at.is_null())
                    .filter(accounts::banned_at.is_null());
            }
            Some(AccountState::Banned) => {
                found = found
                    .filter(accounts::deleted_at.is_null())
                    .filter(accounts::banned_at.is_not_null());
            }
            Some(AccountState::Deleted) => {
                found = found.filter(accounts::deleted_at.is_not_null());
            }
            None => {}
        }
        found
    }};
}

#[async_trait]
impl AccountDirectory for SqlAccountDirectory {
    async fn search(&self, query: &AccountQuery) -> Result<AccountPage, UnexpectedError> {
        let filters = Filters::of(query);
        let limit = i64::from(query.page.size);
        let offset = i64::try_from(query.page.offset()).unwrap_or(i64::MAX);
        let (rows, total) = self
            .db
            .read("searching accounts", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        let rows: Vec<AccountRow> = matching!(&filters)
                            .order(accounts::id.asc())
                            .limit(limit)
                            .offset(offset)
                            .select(AccountRow::as_select())
                            .load(conn)
                            .await?;
                        let total: i64 = matching!(&filters).count().get_result(conn).await?;
                        (rows, total)
                    }))
                })
            })
            .await?;
        Ok(AccountPage {
            accounts: rows
                .into_iter()
                .map(AccountRow::into_domain)
                .collect::<Result<_, _>>()?,
            total: u64::try_from(total).unwrap_or_default(),
        })
    }

    async fn awaiting_anonymisation(
        &self,
        deleted_before: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<AccountId>, UnexpectedError> {
        let before = StoredTime(deleted_before);
        let ids = self
            .db
            .read("listing accounts awaiting anonymisation", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        accounts::table
                            .filter(accounts::deleted_at.le(before))
                            .filter(accounts::anonymized_at.is_null())
                            .order((accounts::deleted_at.asc(), accounts::id.asc()))
                            .limit(i64::from(limit))
                            .select(accounts::id)
                            .load::<i64>(conn)
                            .await?
                    }))
                })
            })
            .await?;
        Ok(ids.into_iter().map(AccountId).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn wildcards_in_the_text_are_literal() {
        assert_eq!(contains_pattern("kim"), "%kim%");
        assert_eq!(contains_pattern("a%b_c\\"), "%a\\%b\\_c\\\\%");
    }
}
