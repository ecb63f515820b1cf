use account_domain::email_codes::SecurityUpdate;
use account_domain::identities::{ExternalIdentity, Provider};
use account_domain::values::Password;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// The document's `Sns` object: a social log-in by service name and the provider's user id.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SnsFields {
    /// The provider: `google`.
    #[serde(rename = "SNS_Service")]
    #[schema(value_type = String)]
    pub sns_service: Option<String>,
    /// The provider's stable user id (`sub`).
    #[serde(rename = "UID")]
    #[schema(value_type = String)]
    pub uid: Option<String>,
}

/// `PUT /v1/account/auth/update?Token=`: a new password, a social log-in, or both.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
#[schema(example = json!({"Password": "a new passphrase",
    "Sns": {"SNS_Service": "google", "UID": "110248495921238986420"}}))]
pub struct SecurityRequest {
    /// 8 to 128 characters, not a common password, not the address, login id or nickname.
    #[schema(value_type = String)]
    pub password: Option<String>,
    /// Accepted only when this account signed in with that identity through
    /// `GET /account/login/oauth2/authorization/{registrationId}` (which links it).
    pub sns: Option<SnsFields>,
}

impl SecurityRequest {
    pub fn try_into_domain(self) -> Result<SecurityUpdate, ApiError> {
        let mut errors = FieldErrors::new();
        let password = errors.parse_optional("Password", self.password, Password::parse);
        let social_login = match self.sns {
            None => Some(None),
            Some(sns) => {
                let provider = errors.parse("Sns.SNS_Service", sns.sns_service, |raw| {
                    Provider::parse(&raw.trim().to_lowercase()).ok_or(
                        "Sns.SNS_Service must be a service the accounts sign in with: google",
                    )
                });
                let subject = errors.required("Sns.UID", sns.uid);
                match (provider, subject) {
                    (Some(provider), Some(subject)) => Some(Some(ExternalIdentity {
                        provider,
                        subject: subject.trim().to_owned(),
                    })),
                    _ => None,
                }
            }
        };
        let (Some(password), Some(social_login)) = (password, social_login) else {
            return Err(errors.into());
        };
        Ok(SecurityUpdate {
            password,
            social_login,
        })
    }
}
