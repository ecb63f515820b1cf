//! What `GET me` shows about the caller, and the two hints it computes.

use chrono::{DateTime, Duration, Utc};

use super::model::Account;
use crate::notifications::NotificationSettings;

/// A password last set more than this many days ago should be changed (`need_to_pwd_change`).
pub const PASSWORD_MAX_AGE_DAYS: i64 = 90;

/// A profile field every root user is asked to fill in. While one is missing,
/// `need_personal_info_update` is true.
///
/// The required fields are the ones the Lux app collects for a root user: first name, last name,
/// birthdate, gender and phone number. A blank first name counts as missing; a last name counts
/// as given once answered, even as "none" (`""`, see
/// [`PersonName::parse_last_name`](crate::values::PersonName::parse_last_name)); a phone number
/// counts as present whether or not it was checked by SMS (`is_phone_number_checked` is shown
/// beside it). Email is not listed: every account has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProfileField {
    FirstName,
    LastName,
    Birthdate,
    Gender,
    Phone,
}

impl ProfileField {
    pub const REQUIRED: [ProfileField; 5] = [
        ProfileField::FirstName,
        ProfileField::LastName,
        ProfileField::Birthdate,
        ProfileField::Gender,
        ProfileField::Phone,
    ];

    /// The field's name on the wire.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::FirstName => "first_name",
            Self::LastName => "last_name",
            Self::Birthdate => "birthdate",
            Self::Gender => "gender",
            Self::Phone => "phone",
        }
    }
}

impl Account {
    /// True when the account's password was last set more than [`PASSWORD_MAX_AGE_DAYS`] days
    /// before `now`, or when it is not known when it was set. An account without a password
    /// (social log-in only) has nothing to change.
    pub fn needs_password_change(&self, now: DateTime<Utc>) -> bool {
        if self.password_hash.is_none() {
            return false;
        }
        match self.password_changed_at {
            Some(changed_at) => now - changed_at > Duration::days(PASSWORD_MAX_AGE_DAYS),
            None => true,
        }
    }

    /// The required profile fields (see [`ProfileField`]) the account has not filled in.
    pub fn missing_profile_fields(&self) -> Vec<ProfileField> {
        ProfileField::REQUIRED
            .into_iter()
            .filter(|field| !self.has_profile_field(*field))
            .collect()
    }

    /// The account's country as ISO 3166-1 alpha-2 (`KR`): the one stored, else the region of
    /// its phone number; `None` when neither is known.
    pub fn country(&self) -> Option<String> {
        self.national_code.clone().or_else(|| {
            self.phone
                .as_ref()
                .and_then(|phone| phone.region().map(str::to_owned))
        })
    }

    /// True while a required profile field is missing.
    pub fn needs_personal_info_update(&self) -> bool {
        ProfileField::REQUIRED
            .into_iter()
            .any(|field| !self.has_profile_field(field))
    }

    fn has_profile_field(&self, field: ProfileField) -> bool {
        let filled = |name: &Option<String>| name.as_deref().is_some_and(|n| !n.trim().is_empty());
        match field {
            ProfileField::FirstName => filled(&self.first_name),
            ProfileField::LastName => self.last_name.is_some(),
            ProfileField::Birthdate => self.birthdate.is_some(),
            ProfileField::Gender => self.gender.is_some(),
            ProfileField::Phone => self.phone.is_some(),
        }
    }
}

/// The caller's own account as `GET me` shows it: the account, its notification settings, and
/// the two hints computed at one instant.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileView {
    pub account: Account,
    pub notifications: NotificationSettings,
    /// See [`Account::needs_password_change`].
    pub need_to_pwd_change: bool,
    /// See [`Account::needs_personal_info_update`].
    pub need_personal_info_update: bool,
    /// See [`Account::country`].
    pub national_code: Option<String>,
}

impl ProfileView {
    pub fn new(account: Account, notifications: NotificationSettings, now: DateTime<Utc>) -> Self {
        Self {
            need_to_pwd_change: account.needs_password_change(now),
            need_personal_info_update: account.needs_personal_info_update(),
            national_code: account.country(),
            account,
            notifications,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{account, t0};
    use crate::values::{Birthdate, Gender, Phone};

    fn complete() -> Account {
        let mut a = account(1, "a@example.com");
        a.first_name = Some("james".into());
        a.last_name = Some("kim".into());
        a.birthdate = Some(Birthdate::parse("19970101", t0().date_naive()).unwrap());
        a.gender = Some(Gender::Male);
        a.phone = Some(Phone::parse("+821012345678").unwrap());
        a
    }

    #[test]
    fn a_password_older_than_90_days_needs_a_change() {
        let a = account(1, "a@example.com"); // password set at t0
        assert!(!a.needs_password_change(t0()));
        assert!(!a.needs_password_change(t0() + Duration::days(90)));
        assert!(a.needs_password_change(t0() + Duration::days(90) + Duration::seconds(1)));
    }

    #[test]
    fn an_unknown_password_age_needs_a_change_but_no_password_does_not() {
        let mut a = account(1, "a@example.com");
        a.password_changed_at = None;
        assert!(a.needs_password_change(t0()));
        a.password_hash = None;
        assert!(!a.needs_password_change(t0() + Duration::days(365)));
    }

    #[test]
    fn a_complete_profile_needs_no_update() {
        assert!(complete().missing_profile_fields().is_empty());
        assert!(!complete().needs_personal_info_update());
    }

    #[test]
    fn each_missing_required_field_asks_for_an_update() {
        type Clear = fn(&mut Account);
        let cases: [(ProfileField, Clear); 5] = [
            (ProfileField::FirstName, |a| a.first_name = None),
            (ProfileField::LastName, |a| a.last_name = None),
            (ProfileField::Birthdate, |a| a.birthdate = None),
            (ProfileField::Gender, |a| a.gender = None),
            (ProfileField::Phone, |a| a.phone = None),
        ];
        for (field, clear) in cases {
            let mut a = complete();
            clear(&mut a);
            assert_eq!(
                a.missing_profile_fields(),
                vec![field],
                "{}",
                field.as_str()
            );
            assert!(a.needs_personal_info_update());
        }
    }

    #[test]
    fn no_last_name_is_an_answer_but_a_blank_first_name_is_not() {
        let mut a = complete();
        a.last_name = Some(String::new());
        assert!(!a.needs_personal_info_update());
        a.first_name = Some(" ".into());
        assert_eq!(a.missing_profile_fields(), vec![ProfileField::FirstName]);
    }

    #[test]
    fn an_unchecked_phone_counts_as_given() {
        let mut a = complete();
        a.is_phone_number_checked = false;
        assert!(!a.needs_personal_info_update());
    }

    #[test]
    fn the_country_is_the_stored_one_else_the_phones_region() {
        let mut a = complete();
        assert_eq!(a.country().as_deref(), Some("KR"));
        a.phone = Some(Phone::parse("+14155550100").unwrap());
        assert_eq!(a.country().as_deref(), Some("US"));
        a.national_code = Some("JP".into());
        assert_eq!(a.country().as_deref(), Some("JP"));
        a.national_code = None;
        a.phone = None;
        assert_eq!(a.country(), None);
        let view = ProfileView::new(complete(), NotificationSettings::default(), t0());
        assert_eq!(view.national_code.as_deref(), Some("KR"));
    }

    #[test]
    fn the_view_computes_both_hints_at_one_instant() {
        let now = t0() + Duration::days(91);
        let view = ProfileView::new(
            account(1, "a@example.com"),
            NotificationSettings::default(),
            now,
        );
        assert!(view.need_to_pwd_change);
        assert!(view.need_personal_info_update);
        let view = ProfileView::new(complete(), NotificationSettings::default(), t0());
        assert!(!view.need_to_pwd_change);
        assert!(!view.need_personal_info_update);
    }
}
