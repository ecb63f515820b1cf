use account_domain::UnexpectedError;
use account_domain::identities::{ExternalIdentity, Provider};
use account_domain::sign_in::{ExchangeError, IdentityProvider, ProviderClaims};
use async_trait::async_trait;
use jsonwebtoken::{Algorithm, Validation, decode, decode_header};

use crate::claims::{IdTokenClaims, TokenResponse};
use crate::jwks::{JwksCache, KeyError};
use crate::pkce::s256_challenge;
use crate::settings::OidcSettings;

#[derive(Debug, thiserror::Error)]
pub enum OidcSetupError {
    #[error("cannot build the HTTP client: {0}")]
    Client(#[source] reqwest::Error),
    #[error("invalid authorization endpoint {0:?}")]
    AuthorizationEndpoint(String),
}

/// An OpenID Connect provider reached over HTTPS (plain HTTP only as configured, for a
/// loopback stand-in in tests).
pub struct OidcIdentityProvider {
    client: reqwest::Client,
    settings: OidcSettings,
    authorization_endpoint: url::Url,
    keys: JwksCache,
}

impl OidcIdentityProvider {
    /// Installs rustls' ring provider for the process if none is installed yet, then builds
    /// the HTTP client.
    pub fn new(settings: OidcSettings) -> Result<Self, OidcSetupError> {
        // Err only means a provider is installed already (by the server or another adapter).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(OidcSetupError::Client)?;
        let authorization_endpoint =
            url::Url::parse(&settings.authorization_endpoint).map_err(|_| {
                OidcSetupError::AuthorizationEndpoint(settings.authorization_endpoint.clone())
            })?;
        let keys = JwksCache::new(settings.jwks_uri.clone(), settings.jwks_refetch_interval);
        Ok(Self {
            client,
            settings,
            authorization_endpoint,
            keys,
        })
    }

    async fn request_id_token(
        &self,
        code: &str,
        pkce_verifier: &str,
    ) -> Result<String, ExchangeError> {
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", self.settings.redirect_uri.as_str()),
            ("client_id", self.settings.client_id.as_str()),
            ("client_secret", self.settings.client_secret.as_str()),
            ("code_verifier", pkce_verifier),
        ];
        let unavailable = |doing: &'static str| {
            move |e: reqwest::Error| {
                ExchangeError::Unavailable(UnexpectedError::with_source(doing, e.without_url()))
            }
        };
        let response = self
            .client
            .post(&self.settings.token_endpoint)
            .form(&form)
            .send()
            .await
            .map_err(unavailable("calling the token endpoint"))?;
        let status = response.status();
        if status.is_client_error() {
            // RFC 6749 5.2: invalid_grant (code used, expired, or the verifier does not match),
            // invalid_request, ... The body is the provider's, not logged.
            tracing::info!(%status, "the token endpoint refused the authorization code");
            return Err(ExchangeError::CodeRefused);
        }
        if !status.is_success() {
            return Err(ExchangeError::Unavailable(UnexpectedError::new(format!(
                "the token endpoint answered {status}"
            ))));
        }
        let body: TokenResponse = response
            .json()
            .await
            .map_err(unavailable("reading the token endpoint's answer"))?;
        body.id_token
            .ok_or_else(|| ExchangeError::InvalidIdToken("the token answer has no id_token".into()))
    }

    async fn verify_id_token(
        &self,
        id_token: &str,
        nonce: &str,
    ) -> Result<IdTokenClaims, ExchangeError> {
        let invalid = |reason: String| ExchangeError::InvalidIdToken(reason);
        let header = decode_header(id_token).map_err(|e| invalid(format!("header: {e}")))?;
        // Pinned: an ID token signed otherwise (HS256 with a public key, none) is refused.
        if header.alg != Algorithm::RS256 {
            return Err(invalid(format!("algorithm {:?}", header.alg)));
        }
        let kid = header.kid.ok_or_else(|| invalid("no kid".into()))?;
        let key = self
            .keys
            .key(&self.client, &kid)
            .await
            .map_err(|e| match e {
                KeyError::UnknownKey(_) => invalid(e.to_string()),
                KeyError::Fetch(reason) => ExchangeError::Unavailable(UnexpectedError::new(reason)),
            })?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_audience(&[self.settings.client_id.as_str()]);
        validation.set_issuer(&self.settings.accepted_issuers());
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = self.settings.leeway.as_secs();
        validation.validate_nbf = true;
        let claims = decode::<IdTokenClaims>(id_token, &key, &validation)
            .map_err(|e| invalid(e.to_string()))?
            .claims;
        let nonce_matches = claims
            .nonce
            .as_deref()
            .is_some_and(|claimed| same(claimed, nonce));
        if !nonce_matches {
            return Err(invalid("nonce".into()));
        }
        if claims.sub.is_empty() {
            return Err(invalid("empty sub".into()));
        }
        Ok(claims)
    }
}

#[async_trait]
impl IdentityProvider for OidcIdentityProvider {
    fn provider(&self) -> Provider {
        self.settings.provider
    }

    fn authorization_url(&self, state: &str, nonce: &str, pkce_verifier: &str) -> String {
        let mut url = self.authorization_endpoint.clone();
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.settings.client_id)
            .append_pair("redirect_uri", &self.settings.redirect_uri)
            .append_pair("scope", &self.settings.scopes)
            .append_pair("state", state)
            .append_pair("nonce", nonce)
            .append_pair("code_challenge", &s256_challenge(pkce_verifier))
            .append_pair("code_challenge_method", "S256");
        url.into()
    }

    async fn exchange_code(
        &self,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<ProviderClaims, ExchangeError> {
        let id_token = self.request_id_token(code, pkce_verifier).await?;
        let claims = self.verify_id_token(&id_token, nonce).await?;
        let email_verified = claims.email_verified();
        Ok(ProviderClaims {
            identity: ExternalIdentity {
                provider: self.settings.provider,
                subject: claims.sub,
            },
            email: claims.email,
            email_verified,
            name: claims.name,
            picture: claims.picture,
            locale: claims.locale,
        })
    }
}

/// Equal strings, compared in time that depends on the length only.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0_u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}
