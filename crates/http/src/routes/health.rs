//! Liveness and readiness probes.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{HttpResponse, get, web};
use utoipa_actix_web::scope::Scope;

use crate::dto::health::HealthStatus;
use crate::errors::{ApiError, StoreUnavailable};
use crate::seeds::account_management::AccountManagementErrorBody;
use crate::state::AppState;

pub fn scope() -> Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    utoipa_actix_web::scope("/health")
        .service(live)
        .service(ready)
}

/// The process answers.
#[utoipa::path(tag = "health", responses((status = 200, description = "Alive", body = HealthStatus)))]
#[get("/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus::OK)
}

/// The process and its store answer.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready", body = HealthStatus),
        (status = 503, description = "The store does not answer (`store_unavailable`)", body = AccountManagementErrorBody),
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state.health.ping().await.map_err(StoreUnavailable)?;
    Ok(HttpResponse::Ok().json(HealthStatus::OK))
}
