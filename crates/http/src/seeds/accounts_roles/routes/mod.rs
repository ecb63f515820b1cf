//! The accounts-with-roles document's routes, every error in its shapes
//! ([`AccountsRolesRenderer`]). Three scopes, one per path prefix the document uses, each
//! wrapped in the renderer: `/accounts/{accountId}...`, `/users/{userId}/profile` and
//! `/account/logout`.
//!
//! Every route but the sign-in flow's needs `Authorization: Bearer <access token>` of any
//! account, or the browser session cookie that flow ends with; who may act on a given account
//! (its owner, or ADMIN and STAFF) is the domain's decision.

mod account;
mod image;
mod logout;
mod profile;
mod sign_in;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use utoipa_actix_web::scope::Scope;

use crate::errors::render::RenderErrors;
use crate::seeds::accounts_roles::AccountsRolesRenderer;

/// The path prefixes this document owns; errors of every path under them (known or not) are
/// in its shapes.
pub const PREFIXES: [&str; 4] = ["/accounts", "/users", "/account", "/login"];

/// Whether `path` is one of this document's.
pub fn owns(path: &str) -> bool {
    PREFIXES.iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// One of the document's three path prefixes, each served as a scope of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `/accounts/{accountId}`: read, change, delete; `/accounts/{accountId}/summary`; the
    /// profile image's signed upload URL and delete.
    Accounts,
    /// `/users/{userId}/profile`.
    Users,
    /// `/account/logout`, `/account/login/oauth2/authorization/{registrationId}` (the
    /// redirect to the provider), `/account/register`; `/account/{accountId}/profile/imag` (the
    /// image's delete as printed).
    Account,
    /// `/login/oauth2/code/{registrationId}`: the provider's callback.
    Login,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Accounts, Part::Users, Part::Account, Part::Login];

    fn prefix(self) -> &'static str {
        match self {
            Self::Accounts => PREFIXES[0],
            Self::Users => PREFIXES[1],
            Self::Account => PREFIXES[2],
            Self::Login => PREFIXES[3],
        }
    }
}

/// The routes under one prefix, their errors rendered in the document's shapes.
pub fn scope(
    part: Part,
) -> Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    utoipa_actix_web::scope(part.prefix())
        .configure(|routes| match part {
            Part::Accounts => {
                routes
                    .service(account::read_account)
                    .service(account::read_account_summary)
                    .service(account::change_account)
                    .service(account::remove_account)
                    .service(image::signed_put_url)
                    .service(image::delete_image);
            }
            Part::Users => {
                routes.service(profile::read_user_profile);
            }
            Part::Account => {
                routes
                    .service(logout::end_session)
                    .service(sign_in::start_sign_in)
                    .service(sign_in::complete_registration)
                    .service(image::delete_image_as_printed);
            }
            Part::Login => {
                routes.service(sign_in::sign_in_callback);
            }
        })
        .wrap(RenderErrors::new(AccountsRolesRenderer))
}

#[cfg(test)]
mod tests {
    use super::owns;

    #[test]
    fn owns_its_prefixes_and_not_their_lookalikes() {
        for path in [
            "/accounts/{accountId}",
            "/users/{userId}/profile",
            "/account/logout",
            "/login/oauth2/code/{registrationId}",
        ] {
            assert!(owns(path), "{path}");
        }
        for path in [
            "/auth/accounts/login",
            "/admin/accounts/1",
            "/accountsx",
            "/user",
        ] {
            assert!(!owns(path), "{path}");
        }
    }
}
