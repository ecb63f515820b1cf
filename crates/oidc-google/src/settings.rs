use std::time::Duration;

use account_domain::identities::Provider;

/// Where the provider is and who this service is to it.
#[derive(Clone)]
pub struct OidcSettings {
    pub provider: Provider,
    pub client_id: String,
    /// A secret: never logged.
    pub client_secret: String,
    /// Where the provider sends the browser back (`.../login/oauth2/code/google`), exactly as
    /// registered with the provider.
    pub redirect_uri: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    /// The `iss` the ID tokens must carry.
    pub issuer: String,
    pub scopes: String,
    /// Bound on one request to the provider.
    pub timeout: Duration,
    /// Clock difference tolerated on `exp`, `nbf` and `iat`.
    pub leeway: Duration,
    /// Shortest wait between two JWKS fetches caused by unknown key ids, so tokens naming
    /// made-up keys cannot make the service hammer the provider.
    pub jwks_refetch_interval: Duration,
}

impl OidcSettings {
    /// Google's endpoints, for this client.
    pub fn google(client_id: String, client_secret: String, redirect_uri: String) -> Self {
        Self {
            provider: Provider::Google,
            client_id,
            client_secret,
            redirect_uri,
            authorization_endpoint: "https://accounts.google.com/o/oauth2/v2/auth".into(),
            token_endpoint: "https://oauth2.googleapis.com/token".into(),
            jwks_uri: "https://www.googleapis.com/oauth2/v3/certs".into(),
            issuer: "https://accounts.google.com".into(),
            scopes: "openid email profile".into(),
            timeout: Duration::from_secs(10),
            leeway: Duration::from_secs(60),
            jwks_refetch_interval: Duration::from_secs(10),
        }
    }

    /// The issuers accepted: the configured one, and for Google also the scheme-less
    /// `accounts.google.com` its tokens may carry.
    pub(crate) fn accepted_issuers(&self) -> Vec<String> {
        let mut issuers = vec![self.issuer.clone()];
        if self.issuer == "https://accounts.google.com" {
            issuers.push("accounts.google.com".into());
        }
        issuers
    }
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("provider", &self.provider)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("redirect_uri", &self.redirect_uri)
            .field("authorization_endpoint", &self.authorization_endpoint)
            .field("token_endpoint", &self.token_endpoint)
            .field("jwks_uri", &self.jwks_uri)
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}
