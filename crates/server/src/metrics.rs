//! The Prometheus side of `/metrics`: one process-wide recorder (the `metrics` crate's, so the
//! HTTP middleware and the domain's usage counts land in it), gauges read when scraped (the
//! database pool, the password-hash queue) or refreshed by the worker (the outbox), and the
//! text exposition the route serves.

use std::sync::{Arc, OnceLock};

use account_crypto::Argon2PasswordHasher;
use account_domain::outbox::{Channel, ChannelDepth};
use account_domain::store::StoreHealth;
use account_domain::usage::{self, Usage, UsageSink};
use account_http::metrics::MetricsExposition;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

/// Upper bounds of the request-latency histogram, in seconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The process's recorder, installed on first use (tests build many services in one
/// process; they share it, as the instances of one process would).
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets(&LATENCY_BUCKETS)
            .expect("latency buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        // Fails only when another recorder was installed first: then this one stays local and
        // renders only what is recorded through the handle's own gauges.
        let _ = metrics::set_global_recorder(recorder);
        usage::install(Box::new(UsageCounters));
        for usage in Usage::ALL {
            let (name, label) = series_of(usage);
            metrics::counter!(name, "outcome" => label).absolute(0);
        }
        handle.clone()
    })
}

/// What `/metrics` renders for one service.
pub struct PrometheusMetrics {
    handle: &'static PrometheusHandle,
    store: Arc<dyn StoreHealth>,
    hasher: Arc<Argon2PasswordHasher>,
}

impl PrometheusMetrics {
    pub fn new(store: Arc<dyn StoreHealth>, hasher: Arc<Argon2PasswordHasher>) -> Self {
        Self {
            handle: handle(),
            store,
            hasher,
        }
    }
}

impl MetricsExposition for PrometheusMetrics {
    fn render(&self) -> String {
        let connections = self.store.connections();
        metrics::gauge!("db_pool_connections", "state" => "open").set(connections.open as f64);
        metrics::gauge!("db_pool_connections", "state" => "in_use").set(connections.in_use as f64);
        metrics::gauge!("db_pool_waiting").set(connections.waiting as f64);
        metrics::gauge!("password_hash_queue_depth").set(self.hasher.queued() as f64);
        self.handle.render()
    }
}

/// Folds the histogram samples recorded since the last call into their buckets. The recorder
/// keeps every sample until then, so this must run on a timer, scraped or not.
pub fn upkeep() {
    handle().run_upkeep();
}

/// Records the outbox's depth (read by the worker from the store); a channel the store does
/// not list has none.
pub fn record_outbox_depth(depth: &[ChannelDepth]) {
    for channel in [Channel::Email, Channel::Sms, Channel::Push] {
        let (pending, dead) = depth
            .iter()
            .find(|d| d.channel == channel)
            .map_or((0, 0), |d| (d.pending, d.dead));
        let name = channel.as_str();
        metrics::gauge!("outbox_messages", "channel" => name, "state" => "pending")
            .set(pending as f64);
        metrics::gauge!("outbox_messages", "channel" => name, "state" => "dead").set(dead as f64);
    }
}

/// The domain's usage counts, as Prometheus counters.
struct UsageCounters;

impl UsageSink for UsageCounters {
    fn count(&self, usage: Usage) {
        let (name, label) = series_of(usage);
        metrics::counter!(name, "outcome" => label).increment(1);
    }
}

/// The counter and its `outcome` label for each usage.
fn series_of(usage: Usage) -> (&'static str, &'static str) {
    match usage {
        Usage::LoginSucceeded => ("logins_total", "succeeded"),
        Usage::LoginInvalid => ("logins_total", "invalid"),
        Usage::LoginThrottled => ("logins_total", "throttled"),
        Usage::TokensIssued => ("tokens_total", "issued"),
        Usage::TokensRefreshed => ("tokens_total", "refreshed"),
        Usage::RefreshReuseDetected => ("tokens_total", "reuse_detected"),
        Usage::CodeSent => ("codes_total", "sent"),
        Usage::CodeVerified => ("codes_total", "verified"),
        Usage::CodeRefused => ("codes_total", "refused"),
    }
}
