use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::auth::SessionId;
use account_domain::push::PushToken;
use account_domain::values::FcmToken;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::invalid_field;
use crate::schema::push_tokens;
use crate::time::StoredTime;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = push_tokens)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct PushTokenRow {
    pub id: i64,
    pub account_id: i64,
    pub session_id: i64,
    pub token: String,
    pub created_at: StoredTime,
}

impl PushTokenRow {
    pub fn into_domain(self) -> Result<PushToken, UnexpectedError> {
        Ok(PushToken {
            account_id: AccountId(self.account_id),
            session_id: SessionId(self.session_id),
            token: FcmToken::parse(&self.token).map_err(invalid_field(
                "push token",
                self.id,
                "token",
            ))?,
            registered_at: self.created_at.into(),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = push_tokens)]
pub struct NewPushTokenRow<'a> {
    pub account_id: i64,
    pub session_id: i64,
    pub token: &'a str,
    pub created_at: StoredTime,
}

impl<'a> NewPushTokenRow<'a> {
    pub fn new(
        account: AccountId,
        session: SessionId,
        token: &'a FcmToken,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            account_id: account.0,
            session_id: session.0,
            token: token.as_str(),
            created_at: StoredTime(now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_times::t0;

    #[test]
    fn rows_convert_and_a_malformed_token_is_an_error() {
        let row = |token: &str| PushTokenRow {
            id: 6,
            account_id: 1,
            session_id: 2,
            token: token.into(),
            created_at: StoredTime(t0()),
        };
        let token = row("abc:DEF").into_domain().ok();
        assert_eq!(
            token.map(|t| (t.session_id, t.registered_at)),
            Some((SessionId(2), t0()))
        );
        let err = row("a b").into_domain().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("push token 6 has an invalid stored token")
        );
    }
}
