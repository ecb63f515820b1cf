//! What a sign-up through a provider needs, and how the provider's claims and the user's
//! completion are judged: name 2 to 50 characters and an email address are required; gender
//! (`MALE`/`FEMALE`) and birth date (`yyyy-MM-dd`) are optional but must be valid when given.

use chrono::NaiveDate;

use super::model::{ProviderClaims, RegistrationInput, SignUpField};
use crate::values::{Birthdate, Email, Gender};

/// A display name from a provider or a completion: trimmed, 2 to 50 characters, no control
/// characters.
pub fn sign_up_name(raw: &str) -> Option<String> {
    let value = raw.trim();
    let chars = value.chars().count();
    ((2..=50).contains(&chars) && !value.chars().any(char::is_control)).then(|| value.to_owned())
}

/// The fields of a sign-up, valid: what creating the account needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignUpDetails {
    pub name: String,
    pub email: Email,
    /// The provider vouched for this very address.
    pub email_verified: bool,
    pub gender: Option<Gender>,
    pub birthdate: Option<Birthdate>,
}

/// The provider's claims merged with what the user typed (the user's value wins where both
/// are given), judged. The fields at fault, in the order of [`SignUpField`], if any.
pub fn judge(
    claims: &ProviderClaims,
    input: &RegistrationInput,
    today: NaiveDate,
) -> Result<SignUpDetails, Vec<SignUpField>> {
    let mut faults = Vec::new();
    let name = input
        .name
        .as_deref()
        .or(claims.name.as_deref())
        .and_then(sign_up_name);
    if name.is_none() {
        faults.push(SignUpField::Name);
    }
    // An address the user typed is not the one the provider vouched for, even if equal in
    // spelling to another claim: only the provider's own address keeps its verification.
    let (email, email_verified) = match input.email.as_deref() {
        Some(typed) => (Email::parse(typed).ok(), false),
        None => (
            claims.email.as_deref().and_then(|e| Email::parse(e).ok()),
            claims.email_verified,
        ),
    };
    if email.is_none() {
        faults.push(SignUpField::Email);
    }
    let gender = match input.gender.as_deref() {
        Some(raw) => match raw.trim() {
            "MALE" | "FEMALE" => Gender::parse(raw).ok(),
            _ => None,
        }
        .map(Some)
        .unwrap_or_else(|| {
            faults.push(SignUpField::Gender);
            None
        }),
        None => None,
    };
    let birthdate = match input.birth_date.as_deref() {
        Some(raw) if raw.trim().len() == 10 => Birthdate::parse(raw, today).ok(),
        Some(_) => None,
        None => return finish(name, email, email_verified, gender, None, faults),
    };
    if birthdate.is_none() {
        faults.push(SignUpField::BirthDate);
    }
    finish(name, email, email_verified, gender, birthdate, faults)
}

fn finish(
    name: Option<String>,
    email: Option<Email>,
    email_verified: bool,
    gender: Option<Gender>,
    birthdate: Option<Birthdate>,
    faults: Vec<SignUpField>,
) -> Result<SignUpDetails, Vec<SignUpField>> {
    match (name, email) {
        (Some(name), Some(email)) if faults.is_empty() => Ok(SignUpDetails {
            name,
            email,
            email_verified,
            gender,
            birthdate,
        }),
        _ => Err(faults),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identities::{ExternalIdentity, Provider};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default()
    }

    fn claims(name: Option<&str>, email: Option<&str>, verified: bool) -> ProviderClaims {
        ProviderClaims {
            identity: ExternalIdentity {
                provider: Provider::Google,
                subject: "sub-1".into(),
            },
            email: email.map(str::to_owned),
            email_verified: verified,
            name: name.map(str::to_owned),
            picture: None,
            locale: None,
        }
    }

    #[test]
    fn the_providers_name_and_verified_email_are_enough() {
        let details = judge(
            &claims(Some("Kim Minji"), Some("minji@example.com"), true),
            &RegistrationInput::default(),
            today(),
        );
        let details = details
            .ok()
            .unwrap_or_else(|| panic!("judged insufficient"));
        assert_eq!(details.name, "Kim Minji");
        assert!(details.email_verified);
    }

    #[test]
    fn a_missing_or_short_name_and_a_missing_email_are_named() {
        let faults = judge(
            &claims(Some("K"), None, false),
            &RegistrationInput::default(),
            today(),
        );
        assert_eq!(faults, Err(vec![SignUpField::Name, SignUpField::Email]));
        let long = "x".repeat(51);
        let faults = judge(
            &claims(Some(&long), Some("a@example.com"), true),
            &RegistrationInput::default(),
            today(),
        );
        assert_eq!(faults, Err(vec![SignUpField::Name]));
    }

    #[test]
    fn a_typed_email_completes_but_is_not_verified() {
        let input = RegistrationInput {
            email: Some("typed@example.com".into()),
            ..Default::default()
        };
        let details = judge(&claims(Some("Kim"), None, true), &input, today());
        let details = details
            .ok()
            .unwrap_or_else(|| panic!("judged insufficient"));
        assert_eq!(details.email.as_str(), "typed@example.com");
        assert!(!details.email_verified);
    }

    #[test]
    fn optional_fields_must_be_valid_when_given() {
        let input = RegistrationInput {
            gender: Some("M".into()),
            birth_date: Some("19990101".into()),
            ..Default::default()
        };
        let faults = judge(
            &claims(Some("Kim"), Some("a@example.com"), true),
            &input,
            today(),
        );
        assert_eq!(
            faults,
            Err(vec![SignUpField::Gender, SignUpField::BirthDate])
        );
        let input = RegistrationInput {
            gender: Some("FEMALE".into()),
            birth_date: Some("1999-01-31".into()),
            ..Default::default()
        };
        let details = judge(
            &claims(Some("Kim"), Some("a@example.com"), true),
            &input,
            today(),
        );
        assert!(details.is_ok_and(|d| d.gender == Some(Gender::Female)
            && d.birthdate.map(|b| b.iso()) == Some("1999-01-31".into())));
    }
}
