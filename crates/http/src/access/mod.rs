//! Who may call each route: one declared table ([`ROUTES`]) for every route of every seed,
//! enforced by the [`Authenticated`](crate::extract::Authenticated) extractor (the only way a
//! handler learns its caller) and listed in `docs/ROUTES.md`. A test compares the table with
//! the routes the app serves, so no route is added without a decision.
//!
//! The table decides by role only; what a caller may do to a given resource (their own child
//! user, their own consent history) is the domain's decision.

mod table;

use account_domain::auth::Principal;
use account_domain::security_events::{self, SecurityEvent};
use account_domain::values::Role;
use actix_web::http::Method;

pub use table::ROUTES;

/// Roles that may call a route, with their name for the docs and the logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleSet {
    pub roles: &'static [Role],
    pub label: &'static str,
}

/// Every account, whatever its roles: routes about the caller's own account and sessions.
pub const ANY_ACCOUNT: RoleSet = RoleSet {
    roles: &[Role::Admin, Role::Server, Role::Staff, Role::User],
    label: "ADMIN, SERVER, STAFF, USER",
};
/// People: the consumer app's routes (STAFF and ADMIN act for users).
pub const PEOPLE: RoleSet = RoleSet {
    roles: &[Role::Admin, Role::Staff, Role::User],
    label: "ADMIN, STAFF, USER",
};
/// Users with child users and devices of their own.
pub const USERS: RoleSet = RoleSet {
    roles: &[Role::User],
    label: "USER",
};
/// Machines and administrators that fill the device inventory.
pub const INVENTORY: RoleSet = RoleSet {
    roles: &[Role::Server, Role::Admin],
    label: "SERVER, ADMIN",
};

/// Machines and administrators that send pushes to users.
pub const PUSH_SENDERS: RoleSet = RoleSet {
    roles: &[Role::Server, Role::Admin],
    label: "SERVER, ADMIN",
};

/// Those who administer accounts: ADMIN changes them, STAFF reads them.
pub const ADMINISTRATION: RoleSet = RoleSet {
    roles: &[Role::Admin, Role::Staff],
    label: "ADMIN, STAFF",
};
/// ADMIN alone.
pub const ADMINS: RoleSet = RoleSet {
    roles: &[Role::Admin],
    label: "ADMIN",
};

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callers {
    /// Without a token (ANONYMOUS); a token, if sent, is not looked at.
    Anonymous,
    /// A valid access token of an account holding one of these roles.
    Roles(RoleSet),
    /// A valid header session token (SG-Finder's `session-token`, with its `userId`) of an
    /// account holding one of these roles.
    SessionToken(RoleSet),
}

/// How a seed answers a caller whose roles the route does not admit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `403` in the route's error shape.
    Forbidden,
    /// The Lux document's `401 Not authorized user`.
    LuxNotAuthorizedUser,
}

/// One route: method, path as the OpenAPI document writes it, who may call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteAccess {
    pub method: &'static str,
    pub path: &'static str,
    pub callers: Callers,
    pub refusal: Refusal,
}

impl RouteAccess {
    /// Whether `principal` may call the route; a refusal is a security event.
    pub fn admits(&self, principal: &Principal) -> bool {
        let allowed = match self.callers {
            Callers::Anonymous => return true,
            Callers::Roles(allowed) | Callers::SessionToken(allowed) => allowed,
        };
        if principal.roles.any_of(allowed.roles) {
            return true;
        }
        security_events::record(&SecurityEvent::RoleDenied {
            account: principal.account_id,
            session: Some(principal.session_id),
            action: self.path,
            required: allowed.label,
        });
        false
    }
}

/// The entry of the route matched by `method` and `pattern` (actix's match pattern, e.g.
/// `/auth/accounts/sessions/{id}`).
pub fn route_of(method: &Method, pattern: &str) -> Option<&'static RouteAccess> {
    ROUTES
        .iter()
        .find(|route| route.method == method.as_str() && route.path == pattern)
}

/// The table as `docs/ROUTES.md` shows it.
pub fn markdown() -> String {
    let mut text = String::from(
        "# Routes and roles\n\n\
         Who may call each route, from the table in `crates/http/src/access/table.rs` (a test \
         keeps this file equal to it, and the table equal to the routes the service serves). \
         ANONYMOUS routes take no token. A token whose account holds none of the listed roles \
         is refused: `403` in the route's error shape, or the Lux document's `401 Not \
         authorized user` on Lux routes. What a caller may do to a given resource (their own \
         child users, their own consent history) is decided by the use case.\n\n\
         Routes marked *session-token* take SG-Finder's `session-token` and `userId` \
         headers instead of a bearer token.\n\n\
         | Method | Path | Roles |\n|---|---|---|\n",
    );
    for route in ROUTES {
        let roles = match route.callers {
            Callers::Anonymous => "ANONYMOUS".to_owned(),
            Callers::Roles(set) => set.label.to_owned(),
            Callers::SessionToken(set) => format!("{} (*session-token*)", set.label),
        };
        text.push_str(&format!(
            "| {} | `{}` | {} |\n",
            route.method, route.path, roles
        ));
    }
    text
}

#[cfg(test)]
mod tests;
