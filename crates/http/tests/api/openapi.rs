use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use serde_json::Value;

use account_http::access;

use crate::support::{Mocks, get, send, start};

/// Every route this stage serves, with its methods.
/// Every route of the access table but the documentation's own and the pages', which the
/// document does not list: method (lower case) by path.
fn documented_routes() -> BTreeMap<&'static str, Vec<String>> {
    // The HTML pages of the emailed links are no API.
    let pages: Vec<String> = account_http::pages::routes()
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    let mut routes: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for route in access::ROUTES {
        if route.path == "/openapi.json"
            || route.path.starts_with("/docs")
            || pages.iter().any(|page| page == route.path)
        {
            continue;
        }
        routes
            .entry(route.path)
            .or_default()
            .push(route.method.to_lowercase());
    }
    for methods in routes.values_mut() {
        methods.sort();
    }
    routes
}

/// Bearer-protected operations: the table's routes for callers with roles.
fn protected() -> Vec<(&'static str, String)> {
    access::ROUTES
        .iter()
        .filter(|route| matches!(route.callers, access::Callers::Roles(_)))
        .map(|route| (route.path, route.method.to_lowercase()))
        .collect()
}

async fn served_document() -> Value {
    let app = start(Mocks::new()).await;
    let reply = send(&app, get("/openapi.json")).await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json
}

#[actix_web::test]
async fn the_document_is_openapi_3_1_and_lists_every_route() {
    let document = served_document().await;

    assert_eq!(document["openapi"], "3.1.0");
    let listed: BTreeMap<&str, Vec<&str>> = document["paths"]
        .as_object()
        .map(|paths| {
            paths
                .iter()
                .map(|(path, item)| {
                    (
                        path.as_str(),
                        item.as_object()
                            .map(|o| o.keys().map(String::as_str).collect())
                            .unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let expected = documented_routes();
    let expected: BTreeMap<&str, Vec<&str>> = expected
        .iter()
        .map(|(path, methods)| (*path, methods.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(listed, expected);
}

#[actix_web::test]
async fn protected_operations_require_the_bearer_scheme() {
    let document = served_document().await;

    assert_eq!(
        document["components"]["securitySchemes"]["bearer_auth"]["scheme"],
        "bearer"
    );
    for (path, method) in protected() {
        assert_eq!(
            document["paths"][path][&method]["security"][0]["bearer_auth"],
            serde_json::json!([]),
            "{method} {path}"
        );
    }
    assert!(
        document["paths"]["/auth/accounts/login"]["post"]
            .get("security")
            .is_none()
    );
}

#[actix_web::test]
async fn bodies_and_errors_are_described() {
    let document = served_document().await;

    let register = &document["paths"]["/auth/accounts/register"]["post"];
    assert_eq!(
        register["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/RegisterRequest"
    );
    for status in ["201", "400", "413", "415", "500"] {
        assert!(
            register["responses"].get(status).is_some(),
            "register lacks {status}"
        );
    }
    let token = &document["paths"]["/auth/accounts/token"]["post"];
    assert!(
        token["requestBody"]["content"]
            .get("application/x-www-form-urlencoded")
            .is_some()
    );
    assert_eq!(
        token["responses"]["400"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/OAuthErrorBody",
        "the token endpoint's errors are RFC 6749's"
    );
    assert!(token["responses"].get("415").is_none());
    let upload = &document["paths"]["/profile-images/{accountId}/{file}"]["put"];
    for status in ["400", "415"] {
        assert!(
            upload["responses"].get(status).is_none(),
            "the raw image upload is never parsed: no {status}"
        );
    }
    let delete_real_user = &document["paths"]["/api/v1/lux/user/delete-real-user"]["delete"];
    let query: Vec<&str> = delete_real_user["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query")
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(query, ["real_user_id", "unique_id"]);
    assert_ne!(
        delete_real_user["requestBody"]["required"],
        serde_json::json!(true),
        "the body is optional: {}",
        delete_real_user["requestBody"]
    );
    let schemas = &document["components"]["schemas"];
    assert_eq!(
        schemas["LoginRequest"]["required"],
        serde_json::json!(["password"])
    );
    assert_eq!(
        schemas["RegisterRequest"]["required"],
        serde_json::json!(["email", "password", "name"])
    );
    for schema in [
        "AccountManagementErrorBody",
        "TokenResponse",
        "OAuthTokenResponse",
        "SessionResponse",
        "AccountResponse",
    ] {
        assert!(schemas.get(schema).is_some(), "missing schema {schema}");
    }
}

#[actix_web::test]
async fn lux_operations_describe_errors_in_the_lux_shape() {
    let document = served_document().await;

    let lux_error = "#/components/schemas/LuxErrorBody";
    let am_error = "#/components/schemas/AccountManagementErrorBody";
    let roles_error = "#/components/schemas/AccountsRolesErrorBody";
    let sg_error = "#/components/schemas/SgFinderErrorBody";
    let service_user_error = "#/components/schemas/ServiceUserErrorBody";
    for (path, methods) in documented_routes() {
        let expected = if path.starts_with("/api/v1/lux/") {
            lux_error
        } else if path.starts_with("/user/") {
            sg_error
        } else if path == "/auth/accounts/token" {
            "#/components/schemas/OAuthErrorBody"
        } else if path.starts_with("/v1/account/") {
            service_user_error
        } else if ["/accounts/", "/users/", "/account/", "/login/"]
            .iter()
            .any(|prefix| path.starts_with(prefix))
        {
            roles_error
        } else {
            am_error
        };
        for method in &methods {
            let responses = &document["paths"][path][method]["responses"];
            for (status, response) in responses.as_object().into_iter().flatten() {
                if status.starts_with('2') || status.starts_with('3') {
                    continue;
                }
                let schema = &response["content"]["application/json"]["schema"]["$ref"];
                // The sign-in flow's `insufficient user info` is an answer of its own shape.
                if status == "400" && schema == "#/components/schemas/InsufficientUserInfoResponse"
                {
                    continue;
                }
                assert_eq!(schema, expected, "{method} {path} {status}");
            }
            // The probes cannot fail with a 500 (see `openapi::finish`); every other can.
            let probe = path.starts_with("/health/") || path == "/metrics";
            assert_eq!(
                responses.get("500").is_some(),
                !probe,
                "{method} {path}: a 500 documented exactly where one can happen"
            );
        }
    }
    let schemas = &document["components"]["schemas"];
    assert_eq!(
        schemas["LuxErrorBody"]["required"],
        serde_json::json!(["detail"])
    );
    for schema in [
        "MeResponse",
        "RootUserResponse",
        "PolicyResponse",
        "NotificationResponse",
        "CreateRealUserResponse",
        "RealUserResponse",
        "DeviceResponse",
        "LuxStatusMessage",
        "ProvisionResponse",
        "AccountsRolesErrorBody",
        "AccountDetailResponse",
        "AccountSummaryResponse",
        "AccountPatchRequest",
        "ServiceUserErrorBody",
        "AddRequest",
        "AddedResponse",
        "InfoResponse",
        "AccountTokenResponse",
    ] {
        assert!(schemas.get(schema).is_some(), "missing schema {schema}");
    }
}

#[actix_web::test]
async fn the_served_document_is_the_one_tools_can_print() {
    let served = served_document().await;

    let printed = account_http::openapi::to_json(&account_http::openapi::document());

    assert_eq!(Some(served), printed.ok());
}

#[actix_web::test]
async fn the_docs_page_is_scalar() {
    let app = start(Mocks::new()).await;

    let reply = send(&app, get("/docs")).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
    assert!(
        reply.text.contains("scalar"),
        "{}",
        &reply.text[..reply.text.len().min(300)]
    );
    assert!(reply.text.contains("/auth/accounts/register"));
}

/// Found by schemathesis (`scripts/api-fuzz`): an id that is not an integer is a documented
/// 400 on every `/admin/accounts/{id}/...` operation.
#[actix_web::test]
async fn admin_account_operations_document_a_bad_id() {
    let document = served_document().await;
    for (path, method) in [
        ("/admin/accounts/{id}", "get"),
        ("/admin/accounts/{id}/roles", "put"),
        ("/admin/accounts/{id}/ban", "post"),
        ("/admin/accounts/{id}/ban", "delete"),
        ("/admin/accounts/{id}/restore", "post"),
    ] {
        let responses = &document["paths"][path][method]["responses"];
        assert!(
            responses.get("400").is_some(),
            "{method} {path} documents 400: {responses}"
        );
    }
}
