//! The document's field formats: byte limits (`string(45byte)`), `yyyy-MM-dd` dates.

use account_domain::values::{Birthdate, Email, Introduce, PersonName};
use chrono::NaiveDate;

use crate::dto::FieldErrors;

/// A value at most `max` bytes long, as the document's `string(<max>byte)` says.
pub fn within_bytes(value: &str, max: usize) -> Result<&str, String> {
    if value.len() <= max {
        Ok(value)
    } else {
        Err(format!("must be at most {max} bytes"))
    }
}

/// `userName`: a display name of at most `max_bytes` bytes.
pub fn user_name(raw: &str, max_bytes: usize) -> Result<PersonName, String> {
    PersonName::parse(within_bytes(raw.trim(), max_bytes)?).map_err(|e| e.to_string())
}

/// `introduce`: essential, but it may be empty; at most 128 bytes.
pub fn introduce(errors: &mut FieldErrors, raw: Option<String>) -> Option<Introduce> {
    let Some(raw) = raw else {
        errors.add("introduce", "introduce is required");
        return None;
    };
    Introduce::parse(&raw)
        .map_err(|e| errors.add("introduce", e))
        .ok()
}

/// `email`: an address of at most 60 bytes.
pub fn email(raw: &str) -> Result<Email, String> {
    Email::parse(within_bytes(raw.trim(), 60)?).map_err(|e| e.to_string())
}

/// `birth`: `yyyy-MM-dd`, not after `today`, not before 1900.
pub fn birth(raw: &str, today: NaiveDate) -> Result<Birthdate, String> {
    let raw = raw.trim();
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|_| raw.len() == 10)
        .ok_or_else(|| "must be yyyy-MM-dd".to_owned())?;
    Birthdate::from_date(date, today).map_err(|e| e.to_string())
}

/// How a `Birthdate` is written back: `yyyy-MM-dd`.
pub fn birth_text(birthdate: Option<Birthdate>) -> Option<String> {
    birthdate.map(|b| b.date().format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_bytes_not_characters() {
        assert!(within_bytes(&"a".repeat(40), 40).is_ok());
        assert!(within_bytes(&"한".repeat(14), 40).is_err(), "42 bytes");
        assert_eq!(
            user_name(" 한태웅 ", 40)
                .ok()
                .map(|n| n.as_str().to_owned())
                .as_deref(),
            Some("한태웅")
        );
        let mut errors = FieldErrors::new();
        assert!(introduce(&mut errors, Some(String::new())).is_some());
        assert!(introduce(&mut errors, Some("a".repeat(129))).is_none());
        assert!(introduce(&mut errors, None).is_none());
        assert_eq!(errors.fields().count(), 2);
        assert!(email(&format!("{}@example.com", "a".repeat(48))).is_ok());
        assert!(email(&format!("{}@example.com", "a".repeat(49))).is_err());
    }

    #[test]
    fn births_are_iso_dates_in_range() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
        assert_eq!(
            birth_text(birth("1994-05-20", today).ok()).as_deref(),
            Some("1994-05-20")
        );
        for bad in ["19940520", "1994-5-20", "2027-01-01", "1899-12-31", ""] {
            assert!(birth(bad, today).is_err(), "{bad}");
        }
    }
}
