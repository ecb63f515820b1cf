//! What the service exposes to Prometheus at `/metrics`, and the per-request figures the HTTP
//! layer records for it (`request_metrics`). The exposition itself (a registry, its text
//! format, the gauges read from the store and the hash pool) is the server's: the routes only
//! need something that renders.

mod access;
mod request_metrics;

pub use access::MetricsAccess;
pub(crate) use request_metrics::request_metrics;

/// Renders every metric in Prometheus' text exposition format.
pub trait MetricsExposition: Send + Sync {
    fn render(&self) -> String;
}
