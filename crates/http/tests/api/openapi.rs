use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use serde_json::Value;

use crate::support::{Mocks, get, send, start};

/// Every route this stage serves, with its methods.
const ROUTES: &[(&str, &[&str])] = &[
    ("/auth/accounts/register", &["post"]),
    ("/auth/accounts/login", &["post"]),
    ("/auth/accounts/token", &["post"]),
    ("/auth/accounts/refresh", &["post"]),
    ("/auth/accounts/logout", &["post"]),
    ("/auth/accounts/sessions", &["delete", "get"]),
    ("/auth/accounts/sessions/{id}", &["delete"]),
    ("/auth/accounts/email/code", &["post"]),
    ("/auth/accounts/email/verify", &["post"]),
    ("/auth/accounts/profile", &["get"]),
    ("/health/live", &["get"]),
    ("/health/ready", &["get"]),
    ("/api/v1/lux/user/me", &["get"]),
    ("/api/v1/lux/user/root-user", &["delete", "patch"]),
    ("/api/v1/lux/user/policy", &["patch"]),
    ("/api/v1/lux/user/policy/history", &["get"]),
    ("/api/v1/lux/user/push/set-token", &["post"]),
    ("/api/v1/lux/user/notification", &["patch"]),
    ("/api/v1/lux/user/send-sms", &["post"]),
    ("/api/v1/lux/user/change-phone", &["post"]),
    ("/api/v1/lux/user/create-real-user", &["post"]),
    (
        "/api/v1/lux/user/real-user/{real_user_id}",
        &["get", "patch"],
    ),
    ("/api/v1/lux/user/delete-real-user", &["delete"]),
    ("/api/v1/lux/device/get-all-device", &["get"]),
    ("/admin/devices", &["post"]),
    ("/admin/accounts/{id}/consent-history", &["get"]),
];

/// Bearer-protected operations.
const PROTECTED: &[(&str, &str)] = &[
    ("/auth/accounts/logout", "post"),
    ("/auth/accounts/sessions", "get"),
    ("/auth/accounts/sessions", "delete"),
    ("/auth/accounts/sessions/{id}", "delete"),
    ("/auth/accounts/profile", "get"),
    ("/api/v1/lux/user/me", "get"),
    ("/api/v1/lux/user/root-user", "patch"),
    ("/api/v1/lux/user/root-user", "delete"),
    ("/api/v1/lux/user/policy", "patch"),
    ("/api/v1/lux/user/policy/history", "get"),
    ("/api/v1/lux/user/push/set-token", "post"),
    ("/api/v1/lux/user/notification", "patch"),
    ("/api/v1/lux/user/send-sms", "post"),
    ("/api/v1/lux/user/change-phone", "post"),
    ("/api/v1/lux/user/create-real-user", "post"),
    ("/api/v1/lux/user/real-user/{real_user_id}", "get"),
    ("/api/v1/lux/user/real-user/{real_user_id}", "patch"),
    ("/api/v1/lux/user/delete-real-user", "delete"),
    ("/api/v1/lux/device/get-all-device", "get"),
    ("/admin/devices", "post"),
    ("/admin/accounts/{id}/consent-history", "get"),
];

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
    let expected: BTreeMap<&str, Vec<&str>> = ROUTES
        .iter()
        .map(|(path, methods)| (*path, methods.to_vec()))
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
    for (path, method) in PROTECTED {
        assert_eq!(
            document["paths"][path][method]["security"][0]["bearer_auth"],
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
    for (path, methods) in ROUTES {
        let expected = if path.starts_with("/api/v1/lux/") {
            lux_error
        } else {
            am_error
        };
        for method in *methods {
            let responses = &document["paths"][path][method]["responses"];
            for (status, response) in responses.as_object().into_iter().flatten() {
                if status.starts_with('2') {
                    continue;
                }
                assert_eq!(
                    response["content"]["application/json"]["schema"]["$ref"], expected,
                    "{method} {path} {status}"
                );
            }
            assert!(responses.get("500").is_some(), "{method} {path} lacks 500");
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
    ] {
        assert!(schemas.get(schema).is_some(), "missing schema {schema}");
    }
}

#[actix_web::test]
async fn the_served_document_is_the_one_tools_can_print() {
    let served = served_document().await;

    let printed = serde_json::to_value(account_http::openapi::document()).unwrap_or_default();

    assert_eq!(served, printed);
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
