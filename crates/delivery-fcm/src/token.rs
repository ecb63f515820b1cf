//! OAuth access tokens for FCM from a service account (RFC 7523 JWT bearer grant): an RS256
//! assertion signed with the account's key is exchanged at its token endpoint. The token is
//! cached until shortly before it expires and shared by every send; one exchange runs at a
//! time, so concurrent sends that find no valid token wait for the same refresh.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use account_domain::outbox::DeliveryError;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::classify;
use crate::service_account::ServiceAccount;

/// The OAuth scope that allows `messages:send`.
pub(crate) const FCM_SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";
const JWT_BEARER_GRANT: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/// Google accepts assertions valid for at most an hour.
const ASSERTION_LIFETIME_SECS: u64 = 3600;

#[derive(Debug, Serialize)]
struct AssertionClaims<'a> {
    iss: &'a str,
    scope: &'a str,
    aud: &'a str,
    iat: u64,
    exp: u64,
}

#[derive(Debug, Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default = "default_expires_in")]
    expires_in: u64,
}

fn default_expires_in() -> u64 {
    ASSERTION_LIFETIME_SECS
}

#[derive(Debug, Default, Deserialize)]
struct TokenError {
    #[serde(default)]
    error: String,
}

struct Cached {
    token: String,
    refresh_at: Instant,
}

pub(crate) struct AccessTokens {
    client: reqwest::Client,
    key: EncodingKey,
    key_id: Option<String>,
    client_email: String,
    /// The account's `token_uri`: the assertion's audience.
    audience: String,
    /// Where the assertion is posted: the `token_uri` unless configured otherwise.
    token_url: String,
    refresh_margin: Duration,
    cache: Mutex<Option<Cached>>,
}

impl AccessTokens {
    pub(crate) fn new(
        client: reqwest::Client,
        account: &ServiceAccount,
        key: EncodingKey,
        token_url: String,
        refresh_margin: Duration,
    ) -> Self {
        Self {
            client,
            key,
            key_id: account.private_key_id.clone(),
            client_email: account.client_email.clone(),
            audience: account.token_uri.clone(),
            token_url,
            refresh_margin,
            cache: Mutex::new(None),
        }
    }

    /// The cached token, or a fresh one when there is none or it is about to expire.
    pub(crate) async fn get(&self) -> Result<String, DeliveryError> {
        let mut cache = self.cache.lock().await;
        if let Some(cached) = cache.as_ref()
            && Instant::now() < cached.refresh_at
        {
            return Ok(cached.token.clone());
        }
        let fresh = self.exchange().await?;
        let token = fresh.token.clone();
        *cache = Some(fresh);
        Ok(token)
    }

    /// Drops `stale` (FCM refused it) unless another send has replaced it already, so that
    /// several sends refused at once cause one refresh.
    pub(crate) async fn forget(&self, stale: &str) {
        let mut cache = self.cache.lock().await;
        if cache.as_ref().is_some_and(|c| c.token == stale) {
            *cache = None;
        }
    }

    #[tracing::instrument(name = "fcm_token_exchange", skip_all)]
    async fn exchange(&self) -> Result<Cached, DeliveryError> {
        let assertion = self.assertion()?;
        let response = self
            .client
            .post(&self.token_url)
            .form(&[("grant_type", JWT_BEARER_GRANT), ("assertion", &assertion)])
            .send()
            .await
            .map_err(|e| classify::transport("FCM token exchange", &e))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|e| classify::transport("FCM token exchange", &e))?;
        if !status.is_success() {
            // 400/401/403 (`invalid_grant`, `unauthorized_client`): the key or account is
            // refused, and every message would be refused the same way until it is fixed.
            let error = serde_json::from_slice::<TokenError>(&body).unwrap_or_default();
            let what = format!(
                "FCM token exchange answered HTTP {} {}",
                status.as_u16(),
                error.error
            );
            return Err(classify::http_status(status, &headers, what));
        }
        let answer: TokenAnswer = serde_json::from_slice(&body).map_err(|_| {
            DeliveryError::Transient("FCM token exchange: unreadable answer".to_owned())
        })?;
        let lifetime = Duration::from_secs(answer.expires_in);
        let early = self.refresh_margin.min(lifetime / 2);
        tracing::debug!(expires_in = answer.expires_in, "FCM access token obtained");
        Ok(Cached {
            token: answer.access_token,
            refresh_at: Instant::now() + lifetime - early,
        })
    }

    fn assertion(&self) -> Result<String, DeliveryError> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let claims = AssertionClaims {
            iss: &self.client_email,
            scope: FCM_SCOPE,
            aud: &self.audience,
            iat: now,
            exp: now + ASSERTION_LIFETIME_SECS,
        };
        let mut header = Header::new(Algorithm::RS256);
        header.kid = self.key_id.clone();
        jsonwebtoken::encode(&header, &claims, &self.key)
            .map_err(|e| DeliveryError::Permanent(format!("cannot sign the FCM assertion: {e}")))
    }
}
