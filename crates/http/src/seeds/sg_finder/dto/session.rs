use account_domain::auth::{LoginCommand, LoginIdentifier};
use account_domain::values::LoginId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `POST /user/signin`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"userId": "gksxodnd", "passwd": "correct horse battery"}))]
pub struct SignInRequest {
    #[schema(required = true, value_type = String)]
    pub user_id: Option<String>,
    #[schema(required = true, value_type = String)]
    pub passwd: Option<String>,
}

impl SignInRequest {
    /// The log-in by login id only (an email typed here names no account). Values over the
    /// document's byte limits are 400.
    pub fn try_into_domain(
        self,
        client: account_domain::auth::ClientInfo,
    ) -> Result<LoginCommand, ApiError> {
        let mut errors = FieldErrors::new();
        let user_id = errors.parse("userId", self.user_id, |raw| {
            super::fields::within_bytes(raw, 45).map(str::to_owned)
        });
        let passwd = errors.parse("passwd", self.passwd, |raw| {
            super::fields::within_bytes(raw, 200).map(str::to_owned)
        });
        let (Some(user_id), Some(password)) = (user_id, passwd) else {
            return Err(errors.into());
        };
        let identifier = LoginId::parse(&user_id)
            .map(LoginIdentifier::LoginId)
            .unwrap_or_else(|_| LoginIdentifier::Unknown(user_id.trim().to_lowercase()));
        Ok(LoginCommand {
            identifier,
            password,
            client,
        })
    }
}

/// The session token a sign-in hands out, for the `session-token` header.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"session-token": "m2Yx...opaque"}))]
pub struct SessionTokenResponse {
    #[serde(rename = "session-token")]
    pub session_token: String,
}

/// `GET /user/signout`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"expired-token": true}))]
pub struct SignedOutResponse {
    #[serde(rename = "expired-token")]
    pub expired_token: bool,
}

/// `GET /user/checkDup/{userId}`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"isDup": true}))]
pub struct DupResponse {
    pub is_dup: bool,
}
