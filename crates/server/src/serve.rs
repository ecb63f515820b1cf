//! Runs the service: opens the store, builds the use cases, serves HTTP and delivers the
//! outbox until SIGINT/SIGTERM, then drains in-flight requests and stops.

use std::sync::Arc;
use std::time::Duration;

use account_crypto::XChaChaSealer;
use actix_web::{App, HttpServer};
use anyhow::Context;
use tokio::sync::watch;

use crate::config::{Config, LogFormat};
use crate::{secrets, store, wiring, worker};

/// How often the metrics' latency samples are folded into buckets (the outbox's depth is read
/// every third time).
const METRICS_UPKEEP_EVERY: Duration = Duration::from_secs(5);

pub fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,actix_server=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        // One JSON object per line: the event's fields, and the request span's (its id) when
        // the line was written while serving a request.
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
}

/// A runtime for the one-shot commands (`migrate` and the operator commands).
pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// `account-service migrate`: opening a store applies its pending migrations.
pub fn migrate(config: Config) -> anyhow::Result<()> {
    runtime()?.block_on(async {
        store::open(&config.database_url(), 1)
            .await
            .context("applying migrations")?;
        tracing::info!("migrations applied");
        Ok(())
    })
}

pub fn serve(config: Config) -> anyhow::Result<()> {
    tracing::info!(?config, "starting");
    account_private_files::warn_if_exposed(&config.data_dir, "data directory");
    let keys = secrets::resolve(&config)?;
    // The store is opened inside the system that serves: connection tasks live on its runtime.
    actix_web::rt::System::new().block_on(run(config, keys))
}

async fn run(config: Config, keys: secrets::ServiceKeys) -> anyhow::Result<()> {
    let sealer = Arc::new(XChaChaSealer::new(&keys.outbox).context("outbox sealer")?);
    let stores = store::open_sealed(&config.database_url(), config.pool_limits(), sealer)
        .await
        .context("opening the store")?;
    let services = wiring::build(&config, stores, &keys)?;
    let state = services.state.clone();
    let http_settings = crate::app::http_settings(&config);

    let (stop_tx, stop_rx) = watch::channel(false);
    let outbox = tokio::spawn(worker::run_outbox(
        services.dispatcher.clone(),
        Duration::from_millis(config.outbox_poll_millis),
        stop_rx.clone(),
    ));
    let anonymizer = tokio::spawn(worker::run_anonymizer(
        services.anonymizer.clone(),
        Duration::from_secs(config.anonymize_poll_secs),
        stop_rx.clone(),
    ));
    let metrics_upkeep = tokio::spawn(worker::run_metrics_upkeep(
        services.repositories.outbox.clone(),
        METRICS_UPKEEP_EVERY,
        stop_rx.clone(),
    ));
    let purger = tokio::spawn(worker::run_purger(
        services.purger.clone(),
        Duration::from_secs(config.purge_poll_secs),
        stop_rx,
    ));

    let server = HttpServer::new(move || {
        App::new()
            .configure(|cfg| account_http::configure(cfg, state.clone(), http_settings.clone()))
    })
    .shutdown_timeout(10)
    .workers(config.http_worker_threads())
    .bind(&config.bind)
    .with_context(|| format!("binding {}", config.bind))?;
    for address in server.addrs() {
        tracing::info!("listening on http://{address}");
    }
    server.run().await.context("serving HTTP")?;

    let _ = stop_tx.send(true);
    let _ = outbox.await;
    let _ = anonymizer.await;
    let _ = metrics_upkeep.await;
    let _ = purger.await;
    tracing::info!("stopped");
    Ok(())
}
