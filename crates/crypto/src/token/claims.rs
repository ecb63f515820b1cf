use account_domain::accounts::AccountId;
use account_domain::auth::{AccessClaims, SessionId};
use account_domain::values::{Role, Roles};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The claims as signed.
#[derive(Debug, Serialize)]
pub(super) struct OutgoingClaims<'a> {
    pub iss: &'a str,
    pub aud: &'a str,
    pub sub: String,
    pub sid: i64,
    pub roles: Vec<&'static str>,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub jti: String,
}

impl<'a> OutgoingClaims<'a> {
    pub fn new(claims: &AccessClaims, iss: &'a str, aud: &'a str, jti: String) -> Self {
        let iat = claims.issued_at.timestamp();
        Self {
            iss,
            aud,
            sub: claims.account_id.0.to_string(),
            sid: claims.session_id.0,
            roles: claims.roles.iter().map(|r| r.as_str()).collect(),
            iat,
            nbf: iat,
            exp: claims.expires_at.timestamp(),
            jti,
        }
    }
}

/// The claims as received: every one required (`iss` and `aud` are checked by jsonwebtoken,
/// the times by the issuer against its `now`).
#[derive(Debug, Deserialize)]
pub(super) struct IncomingClaims {
    pub sub: String,
    pub sid: i64,
    pub roles: Vec<String>,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    /// Required, not used: tokens are not tracked one by one.
    #[serde(rename = "jti")]
    _jti: String,
}

impl IncomingClaims {
    /// The domain's claims, or `None` when a value does not parse (account id, unknown role,
    /// out-of-range time).
    pub fn to_access_claims(&self) -> Option<AccessClaims> {
        let account_id = self.sub.parse::<i64>().ok().map(AccountId)?;
        let roles = self
            .roles
            .iter()
            .map(|r| Role::parse(r))
            .collect::<Result<Vec<_>, _>>()
            .ok()?;
        Some(AccessClaims {
            account_id,
            session_id: SessionId(self.sid),
            roles: Roles::new(roles),
            issued_at: timestamp(self.iat)?,
            expires_at: timestamp(self.exp)?,
        })
    }
}

fn timestamp(seconds: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
}
