//! The pages the emailed links land on, served by the service itself: the password-reset
//! page (`?email=..&token=..`, [`RESET_PATH`]) and the email-verification page
//! (`?email=..&code=..`, [`VERIFY_EMAIL_PATH`]). Small server-rendered HTML in Korean or
//! English (`Accept-Language`), no script, no external asset; every form is protected against
//! forgery ([`csrf`]), and every decision is the domain's: the pages only render its answers.
//! They are no API: the OpenAPI document does not list them.

mod csrf;
mod language;
mod layout;
mod new_reset_link;
mod notices;
mod reply;
mod reset_password;
mod verify_email;
mod visitor;
mod wording;

use actix_web::http::Method;
use actix_web::web::{self, ServiceConfig};

pub const RESET_PATH: &str = "/reset-password";
pub const NEW_RESET_LINK_PATH: &str = "/reset-password/new-link";
pub const VERIFY_EMAIL_PATH: &str = "/verify-email";

pub fn serve(config: &mut ServiceConfig) {
    config
        .route(RESET_PATH, web::get().to(reset_password::show))
        .route(RESET_PATH, web::post().to(reset_password::submit))
        .route(NEW_RESET_LINK_PATH, web::post().to(new_reset_link::submit))
        .route(VERIFY_EMAIL_PATH, web::get().to(verify_email::show))
        .route(VERIFY_EMAIL_PATH, web::post().to(verify_email::submit));
}

/// The pages' routes, which the API document does not list.
pub fn routes() -> [(String, Vec<Method>); 3] {
    [
        (RESET_PATH.to_owned(), vec![Method::GET, Method::POST]),
        (NEW_RESET_LINK_PATH.to_owned(), vec![Method::POST]),
        (
            VERIFY_EMAIL_PATH.to_owned(),
            vec![Method::GET, Method::POST],
        ),
    ]
}
