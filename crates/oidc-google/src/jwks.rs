//! The provider's published signing keys, cached: fetched on first use, again when they are
//! older than [`MAX_AGE`], and again when a token names a key id the cache does not hold (the
//! provider rotated its keys), at most once per refetch interval.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jsonwebtoken::DecodingKey;
use jsonwebtoken::jwk::JwkSet;
use tokio::sync::Mutex;

/// Keys older than this are fetched again before use.
const MAX_AGE: Duration = Duration::from_secs(3600);

/// Why no key could be had.
#[derive(Debug, thiserror::Error)]
pub(crate) enum KeyError {
    #[error("no published key has id {0:?}")]
    UnknownKey(String),
    #[error("cannot fetch the provider's keys: {0}")]
    Fetch(String),
}

struct Cached {
    keys: HashMap<String, DecodingKey>,
    fetched_at: Instant,
}

pub(crate) struct JwksCache {
    uri: String,
    refetch_interval: Duration,
    cached: Mutex<Option<Cached>>,
}

impl JwksCache {
    pub fn new(uri: String, refetch_interval: Duration) -> Self {
        Self {
            uri,
            refetch_interval,
            cached: Mutex::new(None),
        }
    }

    /// The key with id `kid`, from the cache or a fresh fetch.
    pub async fn key(&self, client: &reqwest::Client, kid: &str) -> Result<DecodingKey, KeyError> {
        let mut cached = self.cached.lock().await;
        let stale = cached
            .as_ref()
            .is_none_or(|c| c.fetched_at.elapsed() >= MAX_AGE);
        let unknown_and_may_refetch = cached.as_ref().is_some_and(|c| {
            !c.keys.contains_key(kid) && c.fetched_at.elapsed() >= self.refetch_interval
        });
        if stale || unknown_and_may_refetch {
            let keys = self.fetch(client).await?;
            tracing::debug!(keys = keys.len(), "fetched the provider's signing keys");
            *cached = Some(Cached {
                keys,
                fetched_at: Instant::now(),
            });
        }
        cached
            .as_ref()
            .and_then(|c| c.keys.get(kid).cloned())
            .ok_or_else(|| KeyError::UnknownKey(kid.to_owned()))
    }

    async fn fetch(
        &self,
        client: &reqwest::Client,
    ) -> Result<HashMap<String, DecodingKey>, KeyError> {
        let fetch_error = |e: reqwest::Error| KeyError::Fetch(e.without_url().to_string());
        let set: JwkSet = client
            .get(&self.uri)
            .send()
            .await
            .map_err(fetch_error)?
            .error_for_status()
            .map_err(fetch_error)?
            .json()
            .await
            .map_err(fetch_error)?;
        let mut keys = HashMap::new();
        for jwk in &set.keys {
            let Some(kid) = jwk.common.key_id.clone() else {
                continue;
            };
            // A key of a type jsonwebtoken cannot use is skipped, not fatal: others may do.
            if let Ok(key) = DecodingKey::from_jwk(jwk) {
                keys.insert(kid, key);
            }
        }
        Ok(keys)
    }
}
