use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::verification::NewVerificationCode;
use diesel::prelude::*;

use super::{count_to_store, stored_count};
use crate::schema::verification_codes;
use crate::time::StoredTime;
use account_domain::verification::CurrentCode;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = verification_codes)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct VerificationCodeRow {
    pub id: i64,
    pub account_id: Option<i64>,
    pub code_digest: String,
    pub expires_at: StoredTime,
    pub attempts_left: i32,
}

impl VerificationCodeRow {
    pub fn account_id(&self) -> Option<AccountId> {
        self.account_id.map(AccountId)
    }

    pub fn current_code(&self) -> Result<CurrentCode, UnexpectedError> {
        Ok(CurrentCode {
            expires_at: self.expires_at.into(),
            attempts_left: stored_count(self.attempts_left, "attempts left")?,
            code_digest: self.code_digest.clone(),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = verification_codes)]
pub struct NewVerificationCodeRow {
    pub purpose: &'static str,
    pub target: String,
    pub account_id: Option<i64>,
    pub code_digest: String,
    pub created_at: StoredTime,
    pub expires_at: StoredTime,
    pub attempts_left: i32,
    pub superseded: bool,
}

impl NewVerificationCodeRow {
    pub fn from_domain(code: &NewVerificationCode) -> Result<Self, UnexpectedError> {
        Ok(Self {
            purpose: code.purpose.as_str(),
            target: code.target.clone(),
            account_id: code.account_id.map(|id| id.0),
            code_digest: code.code_digest.clone(),
            created_at: StoredTime(code.created_at),
            expires_at: StoredTime(code.expires_at),
            attempts_left: count_to_store(code.attempts, "attempts")?,
            superseded: false,
        })
    }
}
