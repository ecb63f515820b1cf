//! The account-management document's routes, under `/auth/accounts`.

mod delete_account;
mod email_verification;
mod login;
mod logout;
mod oauth_token;
mod password;
mod password_reset;
mod profile;
mod refresh;
mod register;
mod sessions;

use actix_web::HttpResponseBuilder;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{CacheControl, CacheDirective};
use utoipa_actix_web::scope::Scope;

use crate::errors::render::RenderErrors;
use crate::seeds::account_management::AccountManagementRenderer;

pub fn scope() -> Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    utoipa_actix_web::scope("/auth/accounts")
        .service(register::register)
        .service(login::login)
        .service(oauth_token::scope())
        .service(refresh::refresh)
        .service(logout::logout)
        .service(sessions::list_sessions)
        .service(sessions::revoke_other_sessions)
        .service(sessions::revoke_session)
        .service(email_verification::send_email_code)
        .service(email_verification::verify_email)
        .service(profile::profile)
        .service(password::change_password)
        .service(password::verify_password)
        .service(password_reset::request_password_reset)
        .service(password_reset::reset_password)
        .service(delete_account::delete_account)
        .wrap(RenderErrors::new(AccountManagementRenderer::SEED))
}

/// A 200 that caches must not keep: it carries tokens (RFC 6749 5.1).
fn no_store() -> HttpResponseBuilder {
    let mut builder = actix_web::HttpResponse::Ok();
    builder.insert_header(CacheControl(vec![CacheDirective::NoStore]));
    builder
}
