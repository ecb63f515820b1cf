use std::fmt;

use account_domain::UnexpectedError;
use account_domain::auth::{AccessClaims, TokenError, TokenIssuer, TokenVerifier};
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};

use super::claims::{IncomingClaims, OutgoingClaims};
use super::settings::{JwtSettings, JwtSetupError};
use crate::key::check_key;
use crate::random;

/// The `typ` header of an access token (RFC 9068); `application/at+jwt` is the same type.
const TOKEN_TYPE: &str = "at+jwt";
const TOKEN_MEDIA_TYPE: &str = "application/at+jwt";

/// Signs and checks access tokens with HS256 under one server secret: both the
/// [`TokenIssuer`] and the [`TokenVerifier`].
///
/// `verify` accepts only HS256 (never `none`), type `at+jwt`, the configured issuer and
/// audience, and tokens carrying every claim it issues (`iss`, `aud`, `sub`, `sid`, `roles`,
/// `iat`, `nbf`, `exp`, `jti`). Times are checked against the `now` it is given.
pub struct JwtTokenIssuer {
    settings: JwtSettings,
    header: Header,
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtTokenIssuer {
    /// `secret` (at least 32 bytes) signs every token: changing it ends every access token.
    pub fn new(secret: &[u8], settings: JwtSettings) -> Result<Self, JwtSetupError> {
        check_key(secret)?;
        if settings.issuer.is_empty() {
            return Err(JwtSetupError::MissingIssuer);
        }
        if settings.audience.is_empty() {
            return Err(JwtSetupError::MissingAudience);
        }
        let mut header = Header::new(Algorithm::HS256);
        header.typ = Some(TOKEN_TYPE.to_owned());

        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        // jsonwebtoken reads the system clock; times are checked against `now` instead.
        validation.validate_exp = false;
        validation.validate_nbf = false;

        Ok(Self {
            header,
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            settings,
        })
    }

    fn check_times(&self, claims: &IncomingClaims, now: DateTime<Utc>) -> Result<(), TokenError> {
        let now = now.timestamp();
        let leeway = i64::from(self.settings.leeway_seconds);
        // Not yet valid, or issued in the future: the token was not made by this clock.
        if claims.nbf > now + leeway || claims.iat > now + leeway {
            return Err(TokenError::Invalid);
        }
        // RFC 7519 4.1.4: not accepted on or after `exp`.
        if now - leeway >= claims.exp {
            return Err(TokenError::Expired);
        }
        Ok(())
    }
}

fn is_access_token_type(typ: Option<&str>) -> bool {
    typ.is_some_and(|t| {
        t.eq_ignore_ascii_case(TOKEN_TYPE) || t.eq_ignore_ascii_case(TOKEN_MEDIA_TYPE)
    })
}

impl TokenIssuer for JwtTokenIssuer {
    fn issue(&self, claims: &AccessClaims) -> Result<String, UnexpectedError> {
        let jti = random::bytes::<16>()?;
        let claims = OutgoingClaims::new(
            claims,
            &self.settings.issuer,
            &self.settings.audience,
            random::base64url(&jti),
        );
        jsonwebtoken::encode(&self.header, &claims, &self.encoding)
            .map_err(|e| UnexpectedError::with_source("signing an access token", e))
    }
}

impl TokenVerifier for JwtTokenIssuer {
    fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<AccessClaims, TokenError> {
        let data = jsonwebtoken::decode::<IncomingClaims>(token, &self.decoding, &self.validation)
            .map_err(|_| TokenError::Invalid)?;
        // No header parameter is understood as critical (RFC 7515 4.1.11).
        if !is_access_token_type(data.header.typ.as_deref()) || data.header.crit.is_some() {
            return Err(TokenError::Invalid);
        }
        // Malformed claims make the token invalid even when it is also expired.
        let claims = data.claims.to_access_claims().ok_or(TokenError::Invalid)?;
        self.check_times(&data.claims, now)?;
        Ok(claims)
    }
}

impl fmt::Debug for JwtTokenIssuer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtTokenIssuer")
            .field("issuer", &self.settings.issuer)
            .field("audience", &self.settings.audience)
            .field("leeway_seconds", &self.settings.leeway_seconds)
            .finish_non_exhaustive()
    }
}
