//! `AuditLog`: reads of the append-only audit log; entries are appended by the unit of work
//! ([`append_audit`]) in the transaction of the action they record.

use account_domain::UnexpectedError;
use account_domain::audit::{AuditLog, AuditPage, AuditQuery, NewAuditEntry};
use async_trait::async_trait;
use diesel::prelude::*;
use diesel::result::QueryResult;
use diesel_async::RunQueryDsl;

use crate::rows::{AuditRow, NewAuditRow};
use crate::schema::audit_log;
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql};

pub struct SqlAuditLog {
    db: Database,
}

impl SqlAuditLog {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

/// Appends one entry.
pub async fn append_audit(conn: &mut Conn<'_>, entry: &NewAuditEntry) -> QueryResult<()> {
    let row = NewAuditRow::from_domain(entry);
    db_run!(conn => {
        keyed_by_sql(diesel::insert_into(audit_log::table).values(&row))
            .execute(conn)
            .await
            .map(|_| ())
    })
}

/// The entries matching `query` as a boxed query of the connection's backend.
macro_rules! matching {
    ($query:expr) => {{
        let query: &AuditQuery = $query;
        let mut found = audit_log::table.into_boxed();
        if let Some(actor) = query.actor {
            found = found.filter(audit_log::actor_id.eq(actor.0));
        }
        if let Some(target) = query.target {
            found = found.filter(audit_log::target_id.eq(target.0));
        }
        if let Some(action) = query.action {
            found = found.filter(audit_log::action.eq(action.as_str()));
        }
        if let Some(from) = query.from {
            found = found.filter(audit_log::created_at.ge(StoredTime(from)));
        }
        if let Some(until) = query.until {
            found = found.filter(audit_log::created_at.lt(StoredTime(until)));
        }
        found
    }};
}

#[async_trait]
impl AuditLog for SqlAuditLog {
    async fn find(&self, query: &AuditQuery) -> Result<AuditPage, UnexpectedError> {
        let query = query.clone();
        let limit = i64::from(query.page.size);
        let offset = i64::try_from(query.page.offset()).unwrap_or(i64::MAX);
        let (rows, total) = self
            .db
            .read("reading the audit log", move |conn| {
                Box::pin(async move {
                    Ok(db_run!(conn => {
                        let rows: Vec<AuditRow> = matching!(&query)
                            .order(audit_log::id.desc())
                            .limit(limit)
                            .offset(offset)
                            .select(AuditRow::as_select())
                            .load(conn)
                            .await?;
                        let total: i64 = matching!(&query).count().get_result(conn).await?;
                        (rows, total)
                    }))
                })
            })
            .await?;
        Ok(AuditPage {
            entries: rows
                .into_iter()
                .map(AuditRow::into_domain)
                .collect::<Result<_, _>>()?,
            total: u64::try_from(total).unwrap_or_default(),
        })
    }
}
