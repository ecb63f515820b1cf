use std::collections::BTreeSet;

use super::*;
use crate::openapi;
use crate::pages;
use crate::routes::docs;

fn served() -> BTreeSet<(String, String)> {
    openapi::routes(&openapi::document())
        .into_iter()
        .chain(docs::routes())
        .chain(pages::routes())
        .flat_map(|(path, methods)| {
            methods
                .into_iter()
                .map(move |method| (method.as_str().to_owned(), path.clone()))
        })
        .collect()
}

fn declared() -> Vec<(String, String)> {
    ROUTES
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect()
}

#[test]
fn every_served_route_has_exactly_one_entry_and_every_entry_is_served() {
    let declared = declared();
    let unique: BTreeSet<_> = declared.iter().cloned().collect();
    assert_eq!(unique.len(), declared.len(), "a route is declared twice");
    let served = served();
    let undeclared: Vec<_> = served.difference(&unique).collect();
    let unserved: Vec<_> = unique.difference(&served).collect();
    assert!(
        undeclared.is_empty(),
        "served without a decision in access/table.rs: {undeclared:?}"
    );
    assert!(unserved.is_empty(), "declared but not served: {unserved:?}");
}

/// `UPDATE_ROUTES_MD=1 cargo test -p account-http access` rewrites the file from the table.
#[test]
fn docs_routes_md_is_the_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/ROUTES.md");
    if std::env::var_os("UPDATE_ROUTES_MD").is_some() {
        std::fs::write(path, markdown()).expect("docs/ROUTES.md is writable");
    }
    let documented = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        documented,
        markdown(),
        "docs/ROUTES.md differs from the table: run UPDATE_ROUTES_MD=1 cargo test -p account-http access"
    );
}

#[test]
fn lux_routes_refuse_in_the_lux_wording_and_others_with_403() {
    for route in ROUTES {
        let lux = route.path.starts_with("/api/v1/lux/");
        let expected = if lux {
            Refusal::LuxNotAuthorizedUser
        } else {
            Refusal::Forbidden
        };
        assert_eq!(route.refusal, expected, "{} {}", route.method, route.path);
    }
}

#[test]
fn finds_a_route_by_method_and_pattern() {
    let route = route_of(&Method::DELETE, "/auth/accounts/sessions/{id}");
    assert_eq!(route.map(|r| r.callers), Some(Callers::Roles(ANY_ACCOUNT)));
    assert_eq!(route_of(&Method::PUT, "/auth/accounts/sessions/{id}"), None);
    assert_eq!(
        route_of(&Method::POST, "/admin/devices").map(|r| r.callers),
        Some(Callers::Roles(INVENTORY))
    );
}
