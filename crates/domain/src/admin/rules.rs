use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::accounts::{Account, AccountId};

/// The birth date child users of an anonymised account are given (the column is required).
pub const ANONYMOUS_BIRTHDATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => panic!("1900-01-01 is a date"),
};

/// How long a deleted account keeps its data, restorable by ADMIN, before its personal fields
/// are erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPolicy {
    pub period: Duration,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        Self {
            period: Duration::days(30),
        }
    }
}

impl RetentionPolicy {
    /// Until when the account, deleted at `deleted_at`, may be restored.
    pub fn restorable_until(&self, deleted_at: DateTime<Utc>) -> DateTime<Utc> {
        deleted_at
            .checked_add_signed(self.period)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// Whether ADMIN may restore `account` at `now`: deleted, not anonymised, and within the
    /// retention period.
    pub fn may_restore(&self, account: &Account, now: DateTime<Utc>) -> bool {
        match account.deleted_at {
            Some(deleted_at) => {
                account.anonymized_at.is_none() && now < self.restorable_until(deleted_at)
            }
            None => false,
        }
    }

    /// Whether the personal fields of `account` are due to be erased at `now`: deleted, not
    /// anonymised yet, and the retention period over.
    pub fn due_for_anonymisation(&self, account: &Account, now: DateTime<Utc>) -> bool {
        match account.deleted_at {
            Some(deleted_at) => {
                account.anonymized_at.is_none() && now >= self.restorable_until(deleted_at)
            }
            None => false,
        }
    }

    /// The latest deletion instant of the accounts due at `now`.
    pub fn deleted_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now.checked_sub_signed(self.period)
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }
}

/// Whether, of the usable ADMIN accounts `admins`, one is left when `target` keeps ADMIN
/// (`keeps_admin`) or loses it (a demotion, a ban). The service must never be left without
/// an ADMIN who can sign in.
pub fn leaves_an_admin(admins: &[AccountId], target: AccountId, keeps_admin: bool) -> bool {
    keeps_admin || admins.iter().any(|admin| *admin != target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{account, t0};

    fn deleted(at: DateTime<Utc>) -> Account {
        let mut gone = account(1, "gone@example.com");
        gone.deleted_at = Some(at);
        gone
    }

    #[test]
    fn a_deleted_account_is_restorable_until_the_period_ends_then_due() {
        let policy = RetentionPolicy {
            period: Duration::days(30),
        };
        let gone = deleted(t0());
        let last_moment = t0() + Duration::days(30) - Duration::seconds(1);
        assert!(policy.may_restore(&gone, last_moment));
        assert!(!policy.due_for_anonymisation(&gone, last_moment));
        let over = t0() + Duration::days(30);
        assert!(!policy.may_restore(&gone, over));
        assert!(policy.due_for_anonymisation(&gone, over));
        assert_eq!(policy.deleted_before(over), t0());
    }

    #[test]
    fn live_and_anonymised_accounts_are_neither_restorable_nor_due() {
        let policy = RetentionPolicy::default();
        let live = account(1, "live@example.com");
        let later = t0() + Duration::days(400);
        assert!(!policy.may_restore(&live, later));
        assert!(!policy.due_for_anonymisation(&live, later));
        let mut erased = deleted(t0());
        erased.anonymized_at = Some(t0() + Duration::days(31));
        assert!(!policy.may_restore(&erased, t0() + Duration::days(1)));
        assert!(!policy.due_for_anonymisation(&erased, later));
    }

    #[test]
    fn the_last_admin_cannot_lose_admin() {
        let (a, b) = (AccountId(1), AccountId(2));
        assert!(!leaves_an_admin(&[a], a, false));
        assert!(leaves_an_admin(&[a], a, true));
        assert!(leaves_an_admin(&[a, b], a, false));
        assert!(leaves_an_admin(&[b], a, false), "a was not a usable admin");
        assert!(!leaves_an_admin(&[], a, false));
    }
}
