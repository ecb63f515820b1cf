//! The access table walked against the app: every route that needs a token refuses a request
//! without one, and refuses a caller whose roles it does not admit, in the seed's words; every
//! such authenticated answer is `no-store` and `nosniff`.

use account_domain::values::{Role, Roles};
use account_http::access::{self, Callers, Refusal, RouteAccess};
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use crate::lux::{root_user, signed_in, with_roles};
use crate::support::{Mocks, request, send, start, with_token};

const EVERY_ROLE: [Role; 4] = [Role::Admin, Role::Server, Role::Staff, Role::User];

/// The route's path with its parameters filled in.
fn concrete(route: &RouteAccess) -> String {
    route
        .path
        .replace("{id}", "1")
        .replace("{real_user_id}", "1")
        .replace("{userId}", "gksxodnd")
}

fn call(route: &RouteAccess) -> actix_web::test::TestRequest {
    let method = Method::from_bytes(route.method.as_bytes()).expect("a method");
    request(method, &concrete(route)).set_json(json!({}))
}

fn protected() -> impl Iterator<Item = (&'static RouteAccess, &'static [Role])> {
    access::ROUTES
        .iter()
        .filter_map(|route| match route.callers {
            Callers::Roles(set) | Callers::SessionToken(set) => Some((route, set.roles)),
            Callers::Anonymous => None,
        })
}

/// The routes a bearer token authenticates.
fn bearer_protected() -> impl Iterator<Item = (&'static RouteAccess, &'static [Role])> {
    protected().filter(|(route, _)| matches!(route.callers, Callers::Roles(_)))
}

#[test]
fn session_token_routes_admit_every_role() {
    // So the role walk below, which signs in with a bearer token, leaves nothing out.
    for route in access::ROUTES {
        if let Callers::SessionToken(set) = route.callers {
            assert_eq!(set.roles, EVERY_ROLE, "{} {}", route.method, route.path);
        }
    }
}

#[actix_web::test]
async fn every_protected_route_refuses_a_request_without_a_token() {
    for (route, _) in protected() {
        let app = start(Mocks::new()).await;
        let reply = send(&app, call(route)).await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "{} {}",
            route.method,
            route.path
        );
    }
}

#[actix_web::test]
async fn every_protected_route_refuses_a_role_it_does_not_admit() {
    let mut walked = 0;
    for (route, admitted) in bearer_protected() {
        for role in EVERY_ROLE.iter().filter(|r| !admitted.contains(r)) {
            let caller = with_roles(root_user(), Roles::new([*role]));
            let app = start(signed_in(caller)).await;
            let reply = send(&app, with_token(call(route))).await;
            let what = format!("{} {} as {}", route.method, route.path, role.as_str());
            assert_eq!(reply.header("cache-control"), Some("no-store"), "{what}");
            assert_eq!(
                reply.header("x-content-type-options"),
                Some("nosniff"),
                "{what}"
            );
            match route.refusal {
                Refusal::Forbidden => {
                    assert_eq!(
                        reply.status,
                        StatusCode::FORBIDDEN,
                        "{what}: {}",
                        reply.json
                    );
                    assert_eq!(reply.json["message"], "Forbidden", "{what}");
                }
                Refusal::LuxNotAuthorizedUser => {
                    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{what}");
                    assert_eq!(
                        reply.json,
                        json!({"detail": "Not authorized user"}),
                        "{what}"
                    );
                }
            }
            walked += 1;
        }
    }
    assert!(
        walked >= 18,
        "the table restricts roles somewhere: {walked}"
    );
}
