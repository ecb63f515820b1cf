//! The language of a page from the browser's `Accept-Language` (RFC 9110 12.5.4): Korean or
//! English, whichever the browser ranks higher by its q-values (on a tie, the one listed
//! first); `*` stands for the service's default language (Korean, as its messages), which is
//! also the answer when the header names neither or is missing.

use account_domain::delivery::Locale;

pub fn negotiate(accept_language: Option<&str>) -> Locale {
    let mut best: Option<(f32, Locale)> = None;
    for range in accept_language.unwrap_or_default().split(',') {
        let Some((locale, q)) = parse_range(range) else {
            continue;
        };
        if q > 0.0 && best.is_none_or(|(best_q, _)| q > best_q) {
            best = Some((q, locale));
        }
    }
    best.map_or_else(Locale::default, |(_, locale)| locale)
}

/// One language range (`en-US;q=0.8`): the language it names, if ours, and its weight.
fn parse_range(range: &str) -> Option<(Locale, f32)> {
    let mut parts = range.split(';');
    let tag = parts.next()?.trim().to_ascii_lowercase();
    let primary = tag.split('-').next().unwrap_or_default();
    let locale = match primary {
        "ko" => Locale::Ko,
        "en" => Locale::En,
        "*" => Locale::default(),
        _ => return None,
    };
    let mut q = 1.0;
    for parameter in parts {
        if let Some((name, value)) = parameter.split_once('=')
            && name.trim().eq_ignore_ascii_case("q")
        {
            q = value
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|q| (0.0..=1.0).contains(q))?;
        }
    }
    Some((locale, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_higher_q_value_wins() {
        assert_eq!(negotiate(Some("ko-KR,ko;q=0.9,en-US;q=0.8")), Locale::Ko);
        assert_eq!(negotiate(Some("ko;q=0.5, en;q=0.9")), Locale::En);
        assert_eq!(negotiate(Some("fr-FR, en-GB;q=0.7, ko;q=0.3")), Locale::En);
        assert_eq!(negotiate(Some("en-US")), Locale::En);
    }

    #[test]
    fn a_tie_goes_to_the_language_listed_first() {
        assert_eq!(negotiate(Some("en, ko")), Locale::En);
        assert_eq!(negotiate(Some("ko, en")), Locale::Ko);
    }

    #[test]
    fn korean_when_neither_language_is_acceptable() {
        assert_eq!(negotiate(None), Locale::Ko);
        assert_eq!(negotiate(Some("")), Locale::Ko);
        assert_eq!(negotiate(Some("fr, de;q=0.5")), Locale::Ko);
        assert_eq!(negotiate(Some("en;q=0")), Locale::Ko);
        assert_eq!(negotiate(Some("*;q=0.5, en;q=0.2")), Locale::Ko);
    }

    #[test]
    fn a_malformed_weight_drops_its_range() {
        assert_eq!(negotiate(Some("en;q=abc, ko;q=0.1")), Locale::Ko);
        assert_eq!(negotiate(Some("ko;q=2, en;q=0.1")), Locale::En);
    }
}
