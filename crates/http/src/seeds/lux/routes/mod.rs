//! The Lux user API's routes, under `/api/v1/lux`, every error as `{"detail": ...}`.
//!
//! Every route needs `Authorization: Bearer <access token>`; the errors all of them share
//! (`401 Could not validate credentials`, `401 Token is expired`, `401 User is None`,
//! `401 User is Deleted`, `404 Resource not found` for unknown paths, `500 Internal server
//! error. Please try again later.`) are worded by [`LuxRenderer`].

mod create_real_user;
mod delete_real_user;
mod device;
mod me;
mod notification;
mod phone;
mod policy;
mod push;
mod real_user;
mod root_user;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use utoipa_actix_web::scope::Scope;

use crate::errors::render::RenderErrors;
use crate::seeds::lux::LuxRenderer;

/// Where the Lux API lives; errors of every path under it (known or not) are Lux-shaped.
pub const PREFIX: &str = "/api/v1/lux";

pub fn scope() -> Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let user = utoipa_actix_web::scope("/user")
        .service(me::me)
        .service(root_user::update_root_user)
        .service(root_user::delete_root_user)
        .service(policy::update_policy)
        .service(policy::policy_history)
        .service(push::set_push_token)
        .service(notification::update_notification)
        .service(phone::send_sms)
        .service(phone::change_phone)
        .service(create_real_user::create_real_user)
        .service(real_user::get_real_user)
        .service(real_user::update_real_user)
        .service(delete_real_user::delete_real_user);
    let device = utoipa_actix_web::scope("/device").service(device::get_all_device);
    utoipa_actix_web::scope(PREFIX)
        .service(user)
        .service(device)
        .wrap(RenderErrors::new(LuxRenderer))
}
