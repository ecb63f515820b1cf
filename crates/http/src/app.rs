use actix_web::middleware::from_fn;
use actix_web::web::{self, ServiceConfig};
use utoipa::openapi::OpenApi;

use crate::errors::bad_input;
use crate::errors::fallback::{self, KnownRoutes};
use crate::metrics::request_metrics;
use crate::openapi;
use crate::pages;
use crate::routes::{self, RouteRegistry, docs};
use crate::settings::HttpSettings;
use crate::state::AppState;

mod deferred_headers;
mod request_id;
mod security_headers;
use request_id::request_id;
use security_headers::security_headers;

/// Mounts the whole HTTP API on an actix app: the routes, their OpenAPI document and UI, the
/// extractor configuration (body limit, error bodies) and the 404/405 fallback, all behind the
/// security-headers middleware (`app/security_headers.rs`), inside the request id's span
/// (`app/request_id.rs`).
///
/// ```no_run
/// # use account_http::{AppState, HttpSettings};
/// # fn run(state: AppState, settings: HttpSettings) {
/// actix_web::HttpServer::new(move || {
///     actix_web::App::new().configure(|cfg| account_http::configure(cfg, state.clone(), settings.clone()))
/// });
/// # }
/// ```
pub fn configure(config: &mut ServiceConfig, state: AppState, settings: HttpSettings) {
    config
        .app_data(web::Data::new(state))
        .app_data(bad_input::json_config(settings.body_limit))
        .app_data(bad_input::form_config(settings.body_limit))
        .app_data(bad_input::path_config())
        .app_data(bad_input::query_config())
        .app_data(settings);

    // One scope around every route, because only a scope can carry middleware here. The
    // fallback stays the app's default service: the routes' scopes and resources fall back to
    // it from inside this scope, so its 404s and 405s get the headers too.
    let mut document = OpenApi::default();
    let everything = web::scope("")
        .configure(|scope| {
            let mut registry = RouteRegistry::new(scope, openapi::base_document());
            routes::register(&mut registry);
            document = openapi::finish(registry.into_document());
            docs::serve(scope, &document);
            pages::serve(scope);
        })
        .wrap(from_fn(security_headers))
        .wrap(from_fn(request_metrics))
        .wrap(from_fn(request_id));
    config.service(everything);

    let known = openapi::routes(&document)
        .into_iter()
        .chain(docs::routes())
        .chain(pages::routes());
    config
        .app_data(web::Data::new(KnownRoutes::new(known)))
        .default_service(web::to(fallback::unmatched));
}
