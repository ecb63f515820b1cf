//! Administration routes under `/admin` (no seed covers them: account-management error
//! shape). Roles are checked by the use cases.

mod accounts;
mod audit;
mod consent_history;
mod devices;
mod outbox;
mod push;

use account_domain::devices::MAX_PROVISION_BATCH;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use utoipa_actix_web::scope::Scope;

use crate::errors::bad_input;

/// Body limit of a provisioning batch: room for the largest batch of the largest rows.
pub const PROVISION_BODY_LIMIT: usize = MAX_PROVISION_BATCH * 512;

pub fn scope() -> Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let devices = utoipa_actix_web::scope("/devices")
        .app_data(bad_input::json_config(PROVISION_BODY_LIMIT))
        .service(devices::provision_devices);
    let accounts = utoipa_actix_web::scope("/accounts")
        .service(accounts::search_accounts)
        .service(accounts::find_account)
        .service(accounts::set_roles)
        .service(accounts::ban)
        .service(accounts::unban)
        .service(accounts::restore)
        .service(consent_history::consent_history);
    let outbox = utoipa_actix_web::scope("/outbox")
        .service(outbox::outbox)
        .service(outbox::retry);
    utoipa_actix_web::scope("/admin")
        .service(devices)
        .service(accounts)
        .service(outbox)
        .service(audit::audit_log)
        .service(push::send_push)
}
