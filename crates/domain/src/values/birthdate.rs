use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A date of birth. Two wire forms: `yyyymmdd` (Lux paths) and `yyyy-MM-dd` (elsewhere).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Birthdate(NaiveDate);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BirthdateError {
    #[error("birthdate must be yyyymmdd or yyyy-MM-dd")]
    Malformed,
    #[error("birthdate is not a calendar date")]
    NotADate,
    #[error("birthdate is out of range")]
    OutOfRange,
}

impl Birthdate {
    /// Parses either wire form; `today` bounds it (no birthdays in the future, none before 1900).
    pub fn parse(raw: &str, today: NaiveDate) -> Result<Self, BirthdateError> {
        let raw = raw.trim();
        let digits: String = match raw.len() {
            8 => raw.to_owned(),
            10 if raw.as_bytes()[4] == b'-' && raw.as_bytes()[7] == b'-' => raw.replace('-', ""),
            _ => return Err(BirthdateError::Malformed),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() != 8 {
            return Err(BirthdateError::Malformed);
        }
        let number = |range: std::ops::Range<usize>| {
            digits[range]
                .parse::<u32>()
                .map_err(|_| BirthdateError::Malformed)
        };
        let year = i32::try_from(number(0..4)?).map_err(|_| BirthdateError::Malformed)?;
        let date = NaiveDate::from_ymd_opt(year, number(4..6)?, number(6..8)?)
            .ok_or(BirthdateError::NotADate)?;
        Self::from_date(date, today)
    }

    pub fn from_date(date: NaiveDate, today: NaiveDate) -> Result<Self, BirthdateError> {
        if date.year() < 1900 || date > today {
            return Err(BirthdateError::OutOfRange);
        }
        Ok(Self(date))
    }

    /// For values read back from storage, already checked when they were written.
    pub fn from_stored(date: NaiveDate) -> Self {
        Self(date)
    }

    pub fn date(&self) -> NaiveDate {
        self.0
    }

    /// `yyyymmdd`
    pub fn compact(&self) -> String {
        self.0.format("%Y%m%d").to_string()
    }

    /// `yyyy-MM-dd`
    pub fn iso(&self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }
}

impl fmt::Debug for Birthdate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Birthdate({})", self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn both_wire_forms_parse_to_the_same_date() {
        let a = Birthdate::parse("19970101", today()).unwrap();
        let b = Birthdate::parse("1997-01-01", today()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.compact(), "19970101");
        assert_eq!(a.iso(), "1997-01-01");
    }

    #[test]
    fn rejects_malformed_impossible_and_future_dates() {
        for bad in [
            "",
            "1997011",
            "1997/01/01",
            "abcdefgh",
            "1997-1-01",
            "+1997-01-1",
        ] {
            assert_eq!(
                Birthdate::parse(bad, today()),
                Err(BirthdateError::Malformed),
                "{bad}"
            );
        }
        assert_eq!(
            Birthdate::parse("19970230", today()),
            Err(BirthdateError::NotADate)
        );
        assert_eq!(
            Birthdate::parse("20261124", today()),
            Err(BirthdateError::OutOfRange)
        );
        assert_eq!(
            Birthdate::parse("18991231", today()),
            Err(BirthdateError::OutOfRange)
        );
        assert!(Birthdate::parse("20261123", today()).is_ok());
    }
}
