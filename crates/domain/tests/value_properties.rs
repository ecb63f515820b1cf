//! Properties of the value objects, over generated input (proptest): no parser panics on any
//! text, what a parser accepts it accepts again as it gave it back (so a stored value always
//! reads back), and the normalisations the documents rely on.

use account_domain::values::{
    Birthdate, DeviceUniqueId, Email, FcmToken, Gender, Introduce, LoginId, MacId, Nickname,
    Password, PersonName, Phone, Role, SerialCode,
};
use chrono::NaiveDate;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// Any text, with the characters parsers stumble on: control characters, combining marks,
/// Hangul, emoji, `@`, `+`, `-`, digits and spaces.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        "[ \\t@+\\-.0-9a-fA-F]{0,24}",
        "[\\u{0}-\\u{1f}\\u{300}-\\u{36f}가-힣😀-🙏a-z@.]{0,40}",
    ]
}

/// `parse(v.as_str())` gives `v` back for every value `parse` accepted.
macro_rules! reparses {
    ($raw:expr, $($value:ident),+ $(,)?) => {
        $(
            if let Ok(value) = $value::parse($raw) {
                let again = $value::parse(value.as_str());
                prop_assert!(
                    again.as_ref().is_ok_and(|v| v.as_str() == value.as_str()),
                    "{} {:?} → {:?} → {:?}",
                    stringify!($value),
                    $raw,
                    value.as_str(),
                    again.map(|v| v.as_str().to_owned())
                );
            }
        )+
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_parser_panics_and_accepted_values_read_back(raw in any_text()) {
        reparses!(&raw, Email, Phone, MacId, SerialCode, LoginId, Nickname, PersonName,
                  Introduce, DeviceUniqueId, FcmToken);
        let _ = Password::parse(&raw);
        let _ = Gender::parse(&raw);
        let _ = Role::parse(&raw);
        let _ = PersonName::parse_last_name(&raw);
        if let Ok(date) = Birthdate::parse(&raw, today()) {
            prop_assert_eq!(Birthdate::parse(&date.compact(), today()), Ok(date));
            prop_assert_eq!(Birthdate::parse(&date.iso(), today()), Ok(date));
        }
    }

    #[test]
    fn a_mac_id_is_the_same_in_any_case(mac in "[0-9a-fA-F]{4}") {
        let upper = MacId::parse(&mac.to_ascii_uppercase()).unwrap();
        prop_assert_eq!(MacId::parse(&mac.to_ascii_lowercase()).unwrap(), upper.clone());
        prop_assert_eq!(MacId::parse(&format!(" {mac} ")).unwrap(), upper);
    }

    #[test]
    /// Written internationally (`Phone` asks for the `+` and the country code), with or without
    /// the national trunk `0` and with the separators people type (`010-1000-0000` to
    /// `010-4999-9999`: libphonenumber holds some other blocks unassigned).
    fn a_korean_mobile_number_is_one_number_however_it_is_written(
        middle in "[1-4][0-9]{3}",
        last in "[0-9]{4}",
    ) {
        let e164 = format!("+8210{middle}{last}");
        for written in [
            format!("+82 10-{middle}-{last}"),
            format!("+82.10.{middle}.{last}"),
            format!("+82 010-{middle}-{last}"),
            e164.clone(),
        ] {
            let phone = Phone::parse(&written);
            prop_assert!(
                phone.as_ref().is_ok_and(|p| p.as_str() == e164),
                "{:?} → {:?}",
                written,
                phone.map(|p| p.as_str().to_owned())
            );
        }
    }

    #[test]
    fn every_date_since_1900_reads_in_both_wire_forms(days in 0i64..46_000) {
        let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
        prop_assume!(date <= today());
        let compact = date.format("%Y%m%d").to_string();
        let iso = date.format("%Y-%m-%d").to_string();
        let parsed = Birthdate::parse(&compact, today()).unwrap();
        prop_assert_eq!(parsed.date(), date);
        prop_assert_eq!(Birthdate::parse(&iso, today()).unwrap(), parsed);
    }

    #[test]
    fn an_email_differing_only_in_case_normalizes_alike(
        local in "[a-zA-Z0-9._%+-]{1,20}",
        domain in "[a-zA-Z0-9-]{1,15}\\.[a-zA-Z]{2,6}",
    ) {
        let written = format!("{local}@{domain}");
        if let Ok(email) = Email::parse(&written) {
            let shouted = Email::parse(&written.to_uppercase()).unwrap();
            prop_assert_eq!(shouted.normalized(), email.normalized());
        }
    }
}
