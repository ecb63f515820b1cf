//! `GET /metrics`: Prometheus' text format, for whom [`MetricsAccess`] admits.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::errors::ApiError;
use crate::metrics::MetricsAccess;
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::settings::HttpSettings;
use crate::state::AppState;

/// Every metric of this instance (requests and latency by route, log-ins, tokens, codes, the
/// outbox, the database pool, the password-hash queue), in Prometheus' text format. Open in
/// development; in production only with `Authorization: Bearer <metrics_token>`, and absent
/// without one.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Prometheus text format", content_type = "text/plain; version=0.0.4", body = String),
        (status = 401, description = "The metrics token is required (`unauthorized`)", body = AccountManagementErrorBody),
        (status = 404, description = "Metrics are not exposed (production without `metrics_token`)", body = AccountManagementErrorBody),
    )
)]
#[get("/metrics")]
pub async fn metrics(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let access = request
        .app_data::<HttpSettings>()
        .map(|settings| settings.metrics_access.clone())
        .unwrap_or_default();
    let Some(exposition) = state.metrics.as_ref() else {
        return Err(ApiError::not_found());
    };
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    match &access {
        MetricsAccess::Closed => Err(ApiError::not_found()),
        access if access.admits(authorization) => Ok(HttpResponse::Ok()
            .content_type("text/plain; version=0.0.4; charset=utf-8")
            .body(exposition.render())),
        _ => Err(ApiError::unauthorized()),
    }
}
