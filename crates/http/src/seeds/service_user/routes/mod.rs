//! The service user account document's routes under `/v1/account`, every error as
//! `{"msg": ...}` with the document's extra keys ([`ServiceUserRenderer`]).
//!
//! Sending a code, creating an account, finding it, logging in and refreshing are anonymous;
//! the others take `Authorization: Bearer <AccessToken>` where the document puts the raw
//! `UserID`. The document's POSTs without a body (`auth?Email=`) need no content type.

mod account;
mod code;
mod find;
mod security;
mod session;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use utoipa_actix_web::scope::Scope;

use crate::errors::render::RenderErrors;
use crate::seeds::service_user::ServiceUserRenderer;

/// Where the document lives; errors of every path under it (known or not) are in its shape.
pub const PREFIX: &str = "/v1/account";

/// Whether `path` is one of this document's (`/v1/account`, `/v1/account/...`).
pub fn owns(path: &str) -> bool {
    path.strip_prefix(PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

pub fn scope() -> Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    utoipa_actix_web::scope(PREFIX)
        .service(code::send_code)
        .service(account::add)
        .service(account::update_info)
        .service(security::update_security)
        .service(account::delete_account)
        .service(account::read_info)
        .service(find::find)
        .service(session::log_in)
        .service(session::refresh)
        .wrap(RenderErrors::new(ServiceUserRenderer))
}

#[cfg(test)]
mod tests {
    use super::owns;

    #[test]
    fn owns_its_prefix_and_not_its_lookalikes() {
        for path in ["/v1/account", "/v1/account/auth", "/v1/account/auth/update"] {
            assert!(owns(path), "{path}");
        }
        for path in ["/v1/accounts", "/account/register", "/accounts/{accountId}"] {
            assert!(!owns(path), "{path}");
        }
    }
}
