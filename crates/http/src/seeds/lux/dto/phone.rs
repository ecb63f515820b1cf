use account_domain::values::Phone;
use account_domain::verification::ChangePhoneError;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `POST send-sms`: the number the caller wants as their phone; a code goes to it by SMS.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"phone": "+821012345678"}))]
pub struct SendSmsRequest {
    /// The new phone number, E.164.
    #[schema(required = true, value_type = String)]
    pub phone: Option<String>,
}

impl SendSmsRequest {
    pub fn try_into_domain(self) -> Result<Phone, ApiError> {
        let mut errors = FieldErrors::new();
        errors
            .parse("phone", self.phone, Phone::parse)
            .ok_or_else(|| errors.into())
    }
}

/// `POST change-phone`: the new number and the code sent to it.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"phone": "+821012345678", "validnum": "123456"}))]
pub struct ChangePhoneRequest {
    /// The new phone number, E.164; the one the code was sent to.
    #[schema(required = true, value_type = String)]
    pub phone: Option<String>,
    /// The code from the SMS. Listed as optional by the document, but a change without it
    /// is answered like a wrong code (`400 Validation code is invalid`).
    #[schema(value_type = String, required = false)]
    pub validnum: Option<String>,
}

/// A new phone number and the code that proves it is the caller's.
#[derive(Debug)]
pub struct PhoneChange {
    pub phone: Phone,
    pub code: String,
}

impl ChangePhoneRequest {
    pub fn try_into_domain(self) -> Result<PhoneChange, ApiError> {
        let mut errors = FieldErrors::new();
        let phone = errors
            .parse("phone", self.phone, Phone::parse)
            .ok_or(errors)?;
        let code = self
            .validnum
            .filter(|code| !code.trim().is_empty())
            .ok_or(ChangePhoneError::CodeInvalid)?;
        Ok(PhoneChange { phone, code })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_without_a_code_is_an_invalid_code() {
        let request = ChangePhoneRequest {
            phone: Some("+821012345678".into()),
            validnum: Some(" ".into()),
        };
        let error = request.try_into_domain().unwrap_err();
        assert_eq!(
            (error.status.as_u16(), error.message.as_ref()),
            (400, "Validation code is invalid")
        );
    }

    #[test]
    fn the_phone_is_checked_first() {
        let request = ChangePhoneRequest {
            phone: Some("01012345678".into()),
            validnum: None,
        };
        let error = request.try_into_domain().unwrap_err();
        assert_eq!(error.invalid_fields, ["phone"]);
    }
}
