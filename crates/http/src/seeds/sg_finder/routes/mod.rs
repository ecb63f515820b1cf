//! The SG-Finder document's routes under `/user`, every error as
//! `{"code": <status>, "message": "<status name>"}` ([`SgFinderRenderer`]).
//!
//! Sign-up, sign-in and `checkDup` are anonymous; the others take the `session-token` header
//! that sign-in hands out, with the `userId` header naming its user
//! ([`SessionTokenCaller`](crate::extract::SessionTokenCaller)).

mod game;
mod session;
mod signup;
mod user;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use utoipa_actix_web::scope::Scope;

use crate::errors::render::RenderErrors;
use crate::seeds::sg_finder::SgFinderRenderer;

/// Where the document lives; errors of every path under it (known or not) are in its shape.
pub const PREFIX: &str = "/user";

/// Whether `path` is one of this document's (`/user`, `/user/...`; not `/users`).
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
    // The fixed paths before `/{userId}`, which would otherwise take them.
    utoipa_actix_web::scope(PREFIX)
        .service(signup::sign_up)
        .service(session::sign_in)
        .service(session::sign_out)
        .service(session::check_dup)
        .service(game::register_game)
        .service(user::read_user)
        .service(user::replace_user)
        .service(user::delete_user)
        .wrap(RenderErrors::new(SgFinderRenderer))
}

#[cfg(test)]
mod tests {
    use super::owns;

    #[test]
    fn owns_its_prefix_and_not_its_lookalikes() {
        for path in ["/user", "/user/signup", "/user/{userId}"] {
            assert!(owns(path), "{path}");
        }
        for path in ["/users/{userId}/profile", "/userx", "/auth/accounts/login"] {
            assert!(!owns(path), "{path}");
        }
    }
}
