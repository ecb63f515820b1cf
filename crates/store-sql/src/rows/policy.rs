use account_domain::accounts::AccountId;
use account_domain::policies::Policy;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::schema::policies;
use crate::time::StoredTime;

/// An account's current consents; written whole, so a cleared date is stored as `NULL`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = policies)]
#[diesel(primary_key(account_id))]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_null = true)]
pub struct PolicyRow {
    pub account_id: i64,
    pub is_push_agree: bool,
    pub push_agree_date: Option<StoredTime>,
    pub is_marketing_agree: bool,
    pub marketing_agree_date: Option<StoredTime>,
    pub updated_at: StoredTime,
}

impl PolicyRow {
    pub fn from_domain(policy: &Policy, now: DateTime<Utc>) -> Self {
        Self {
            account_id: policy.account_id.0,
            is_push_agree: policy.is_push_agree,
            push_agree_date: policy.push_agree_date.map(StoredTime),
            is_marketing_agree: policy.is_marketing_agree,
            marketing_agree_date: policy.marketing_agree_date.map(StoredTime),
            updated_at: StoredTime(now),
        }
    }

    pub fn into_domain(self) -> Policy {
        Policy {
            account_id: AccountId(self.account_id),
            is_push_agree: self.is_push_agree,
            push_agree_date: self.push_agree_date.map(Into::into),
            is_marketing_agree: self.is_marketing_agree,
            marketing_agree_date: self.marketing_agree_date.map(Into::into),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_times::t0;

    #[test]
    fn a_policy_reads_back_as_written() {
        let policy = Policy {
            push_agree_date: Some(t0()),
            is_push_agree: true,
            ..Policy::default_for(AccountId(5))
        };
        assert_eq!(PolicyRow::from_domain(&policy, t0()).into_domain(), policy);
    }
}
