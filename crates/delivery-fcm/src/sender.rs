use std::collections::BTreeMap;
use std::time::Duration;

use account_domain::delivery::{IdempotencyKey, PushError, PushMessage, PushSender};
use account_domain::outbox::DeliveryError;
use async_trait::async_trait;
use jsonwebtoken::EncodingKey;
use serde::Serialize;

use crate::classify::{self, SendFailure};
use crate::service_account::ServiceAccount;
use crate::token::AccessTokens;

/// FCM's public endpoint.
pub const DEFAULT_FCM_BASE_URL: &str = "https://fcm.googleapis.com";
/// The data key that carries the outbox's idempotency key to the app.
pub const IDEMPOTENCY_DATA_KEY: &str = "idempotency_key";

/// What the adapter needs. `Debug` hides the service account's private key.
#[derive(Debug, Clone)]
pub struct FcmSettings {
    pub service_account: ServiceAccount,
    /// Scheme and host of the FCM API, no trailing slash ([`DEFAULT_FCM_BASE_URL`]).
    pub base_url: String,
    /// Where the JWT assertion is exchanged: the service account's `token_uri` by default.
    pub token_url: String,
    /// Whole-request timeout of each call (token exchange, send).
    pub timeout: Duration,
    /// A cached access token is replaced this long before it expires (at most half its life).
    pub refresh_margin: Duration,
}

impl FcmSettings {
    /// FCM's public endpoint, the account's own token endpoint, 10-second timeouts and
    /// tokens refreshed five minutes before they expire.
    pub fn new(service_account: ServiceAccount) -> Self {
        Self {
            token_url: service_account.token_uri.clone(),
            service_account,
            base_url: DEFAULT_FCM_BASE_URL.to_owned(),
            timeout: Duration::from_secs(10),
            refresh_margin: Duration::from_secs(300),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FcmSetupError {
    #[error("the service account's private key is not an RSA key in PEM: {0}")]
    PrivateKey(#[source] jsonwebtoken::errors::Error),
    #[error("cannot build the HTTP client: {0}")]
    Client(#[source] reqwest::Error),
}

#[derive(Debug, Serialize)]
struct SendRequest<'a> {
    message: Message<'a>,
}

#[derive(Debug, Serialize)]
struct Message<'a> {
    token: &'a str,
    notification: Notification<'a>,
    data: BTreeMap<&'a str, &'a str>,
}

#[derive(Debug, Serialize)]
struct Notification<'a> {
    title: &'a str,
    body: &'a str,
}

/// Sends through FCM HTTP v1 with a service account's OAuth access token.
pub struct FcmPushSender {
    client: reqwest::Client,
    send_url: String,
    tokens: AccessTokens,
}

impl FcmPushSender {
    /// Reads the private key (so a bad key fails at start-up, not at the first push), installs
    /// rustls' ring provider for the process if none is installed yet, and builds the client.
    pub fn new(settings: FcmSettings) -> Result<Self, FcmSetupError> {
        let account = &settings.service_account;
        let key = EncodingKey::from_rsa_pem(account.private_key.as_bytes())
            .map_err(FcmSetupError::PrivateKey)?;
        // Err only means a provider is installed already (by the server or another adapter).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .build()
            .map_err(FcmSetupError::Client)?;
        let send_url = format!(
            "{}/v1/projects/{}/messages:send",
            settings.base_url, account.project_id
        );
        let tokens = AccessTokens::new(
            client.clone(),
            account,
            key,
            settings.token_url.clone(),
            settings.refresh_margin,
        );
        Ok(Self {
            client,
            send_url,
            tokens,
        })
    }

    async fn send_once(
        &self,
        access_token: &str,
        request: &SendRequest<'_>,
    ) -> Result<(), SendFailure> {
        let transport =
            |e: reqwest::Error| SendFailure::Push(classify::transport("FCM send", &e).into());
        let response = self
            .client
            .post(&self.send_url)
            .bearer_auth(access_token)
            .json(request)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?;
        Err(classify::send_failure(status, &headers, &body))
    }
}

#[async_trait]
impl PushSender for FcmPushSender {
    #[tracing::instrument(
        name = "fcm_send",
        skip_all,
        fields(template = message.template.as_str(), key = key.as_str())
    )]
    async fn send_push(
        &self,
        message: &PushMessage,
        key: &IdempotencyKey,
    ) -> Result<(), PushError> {
        let rendered = account_templates::render_push(message)
            .map_err(|e| DeliveryError::Permanent(e.to_string()))?;
        let mut data: BTreeMap<&str, &str> = rendered
            .data
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        data.insert(IDEMPOTENCY_DATA_KEY, key.as_str());
        let request = SendRequest {
            message: Message {
                token: &message.token,
                notification: Notification {
                    title: &rendered.title,
                    body: &rendered.body,
                },
                data,
            },
        };
        let access_token = self.tokens.get().await?;
        match self.send_once(&access_token, &request).await {
            Ok(()) => Ok(()),
            Err(SendFailure::Push(error)) => Err(error),
            Err(SendFailure::Unauthorized) => {
                self.tokens.forget(&access_token).await;
                let fresh = self.tokens.get().await?;
                match self.send_once(&fresh, &request).await {
                    Ok(()) => Ok(()),
                    Err(SendFailure::Push(error)) => Err(error),
                    Err(SendFailure::Unauthorized) => Err(DeliveryError::Permanent(
                        "FCM refused a fresh access token (HTTP 401)".to_owned(),
                    )
                    .into()),
                }
            }
        }
    }
}
