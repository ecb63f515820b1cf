/// NHN Cloud takes Korean numbers in their domestic form (`01012345678`) with `countryCode`
/// `82`. The domain holds E.164 (`+821012345678`); a domestic number is taken as it is.
/// `None` for a number outside Korea (this adapter sends domestic messages only) or one that
/// is not a phone number at all.
pub(crate) fn domestic_korean(e164: &str) -> Option<String> {
    let trimmed = e164.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let valid_chars = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' '));
    if !valid_chars || digits.len() < 8 || digits.len() > 15 {
        return None;
    }
    if trimmed.starts_with('+') {
        let national = digits.strip_prefix("82")?;
        let national = national.strip_prefix('0').unwrap_or(national);
        Some(format!("0{national}"))
    } else if digits.starts_with('0') {
        Some(digits)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::domestic_korean;

    #[test]
    fn korean_e164_numbers_become_domestic() {
        assert_eq!(
            domestic_korean("+821012345678").as_deref(),
            Some("01012345678")
        );
        assert_eq!(
            domestic_korean("+82 10-1234-5678").as_deref(),
            Some("01012345678")
        );
        assert_eq!(
            domestic_korean("01012345678").as_deref(),
            Some("01012345678")
        );
    }

    #[test]
    fn foreign_and_malformed_numbers_are_refused() {
        assert_eq!(domestic_korean("+14155550100"), None);
        assert_eq!(domestic_korean("+82abc"), None);
        assert_eq!(domestic_korean("12345"), None);
        assert_eq!(domestic_korean(""), None);
    }
}
