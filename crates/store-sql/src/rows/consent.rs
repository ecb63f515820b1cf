use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::auth::SessionId;
use account_domain::policies::{ConsentChange, ConsentKind, ConsentOrigin, ConsentRecord};
use diesel::prelude::*;

use super::{UnknownCode, invalid_field};
use crate::schema::consent_records;
use crate::time::StoredTime;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = consent_records)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ConsentRecordRow {
    pub id: i64,
    pub account_id: i64,
    pub kind: String,
    pub agreed: bool,
    pub at: StoredTime,
    pub session_id: Option<i64>,
    pub ip: Option<String>,
}

impl ConsentRecordRow {
    pub fn into_domain(self) -> Result<ConsentRecord, UnexpectedError> {
        let kind = ConsentKind::parse(&self.kind)
            .ok_or_else(|| UnknownCode(self.kind.clone()))
            .map_err(invalid_field("consent record", self.id, "kind"))?;
        Ok(ConsentRecord {
            id: self.id,
            account_id: AccountId(self.account_id),
            kind,
            agreed: self.agreed,
            session_id: self.session_id.map(SessionId),
            ip: self.ip,
            recorded_at: self.at.into(),
        })
    }
}

/// One change appended to the history.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = consent_records)]
pub struct NewConsentRecordRow<'a> {
    pub account_id: i64,
    pub kind: &'static str,
    pub agreed: bool,
    pub at: StoredTime,
    pub session_id: Option<i64>,
    pub ip: Option<&'a str>,
}

impl<'a> NewConsentRecordRow<'a> {
    pub fn new(account: AccountId, change: &ConsentChange, origin: &'a ConsentOrigin) -> Self {
        Self {
            account_id: account.0,
            kind: change.kind.as_str(),
            agreed: change.agreed,
            at: StoredTime(origin.at),
            session_id: origin.session_id.map(|s| s.0),
            ip: origin.ip.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_times::t0;

    fn stored(kind: &str) -> ConsentRecordRow {
        ConsentRecordRow {
            id: 2,
            account_id: 1,
            kind: kind.into(),
            agreed: true,
            at: StoredTime(t0()),
            session_id: Some(8),
            ip: None,
        }
    }

    #[test]
    fn rows_convert_and_an_unknown_kind_is_an_error() {
        let record = stored("marketing").into_domain().ok();
        assert_eq!(
            record.map(|r| (r.kind, r.session_id, r.recorded_at)),
            Some((ConsentKind::Marketing, Some(SessionId(8)), t0()))
        );
        let err = stored("sms").into_domain().err().map(|e| format!("{e:?}"));
        assert_eq!(
            err.as_deref(),
            Some("consent record 2 has an invalid stored kind: unknown code \"sms\"")
        );
    }
}
