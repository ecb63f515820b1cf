//! How the Lux document writes the values it shares: birthdates `yyyymmdd`, genders by one
//! letter, names in `first_name` / `last_name`.

use account_domain::values::{
    Birthdate, BirthdateError, Gender, GenderError, PersonName, PersonNameError,
};
use chrono::NaiveDate;

/// `yyyymmdd` (the document's only form), a real date, not in the future.
pub fn birthdate(today: NaiveDate) -> impl FnOnce(&str) -> Result<Birthdate, String> {
    move |raw| {
        let raw = raw.trim();
        let malformed = || String::from("birthdate must be yyyymmdd, for example 19970101");
        if raw.len() != 8 {
            return Err(malformed());
        }
        Birthdate::parse(raw, today).map_err(|error| match error {
            BirthdateError::Malformed => malformed(),
            other => other.to_string(),
        })
    }
}

/// `M`, `F`, `N` or `P`.
pub fn gender(raw: &str) -> Result<Gender, GenderError> {
    match raw.trim() {
        code if code.len() == 1 => Gender::parse(code),
        _ => Err(GenderError),
    }
}

/// A name part, with messages that name the field.
pub fn person_name(field: &'static str) -> impl FnOnce(&str) -> Result<PersonName, String> {
    move |raw| PersonName::parse(raw).map_err(|error| name_error(field, &error))
}

/// A last name, where `""` means none: the domain's one rule for root and child users
/// ([`PersonName::parse_last_name`]).
pub fn last_name(raw: &str) -> Result<Option<PersonName>, String> {
    PersonName::parse_last_name(raw).map_err(|error| name_error("last_name", &error))
}

fn name_error(field: &str, error: &PersonNameError) -> String {
    match error {
        PersonNameError::Empty => format!("{field} is empty"),
        PersonNameError::TooLong => {
            format!(
                "{field} is longer than {} characters",
                PersonName::MAX_CHARS
            )
        }
        PersonNameError::ControlCharacters => format!("{field} contains control characters"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    #[test]
    fn birthdates_are_yyyymmdd_only() {
        assert_eq!(
            birthdate(today())("19970101").map(|b| b.compact()),
            Ok("19970101".into())
        );
        assert_eq!(
            birthdate(today())("1997-01-01"),
            Err("birthdate must be yyyymmdd, for example 19970101".into())
        );
        assert_eq!(
            birthdate(today())("19970230"),
            Err("birthdate is not a calendar date".into())
        );
        assert_eq!(
            birthdate(today())("20261124"),
            Err("birthdate is out of range".into())
        );
    }

    #[test]
    fn genders_are_one_letter() {
        for code in ["M", "F", "N", "P"] {
            assert_eq!(gender(code).map(|g| g.code()), Ok(code));
        }
        for bad in ["MALE", "FEMALE", "m", "X", ""] {
            assert_eq!(gender(bad), Err(GenderError), "{bad}");
        }
    }

    #[test]
    fn names_are_named_in_their_errors() {
        assert_eq!(
            person_name("first_name")(" "),
            Err("first_name is empty".into())
        );
        assert_eq!(last_name(""), Ok(None));
        assert_eq!(
            last_name(" kim ").map(|n| n.map(|n| n.as_str().to_owned())),
            Ok(Some("kim".into()))
        );
        assert_eq!(
            last_name(&"a".repeat(51)),
            Err("last_name is longer than 50 characters".into())
        );
    }
}
