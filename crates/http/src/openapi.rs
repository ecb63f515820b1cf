//! The OpenAPI 3.1 document: its fixed parts (info, bearer scheme, tags) and the responses
//! every operation shares. Paths and schemas come from the registered routes.

use actix_web::http::Method;
use serde_json::Value;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::tag::TagBuilder;
use utoipa::openapi::{
    Components, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, Ref, RefOr, ResponseBuilder,
};

use crate::routes::{self, RouteRegistry};
use crate::seeds;

pub const BEARER_SCHEME: &str = "bearer_auth";
const ERROR_SCHEMA: &str = "AccountManagementErrorBody";
const LUX_ERROR_SCHEMA: &str = "LuxErrorBody";
const ACCOUNTS_ROLES_ERROR_SCHEMA: &str = "AccountsRolesErrorBody";
const SG_FINDER_ERROR_SCHEMA: &str = "SgFinderErrorBody";
/// RFC 6749's error body, of the OAuth2 token endpoint.
const OAUTH_ERROR_SCHEMA: &str = "OAuthErrorBody";
/// The OAuth2 token endpoint, whose errors are RFC 6749's.
const OAUTH_TOKEN_PATH: &str = "/auth/accounts/token";
const SERVICE_USER_ERROR_SCHEMA: &str = "ServiceUserErrorBody";
/// SG-Finder's `session-token` header.
pub const SESSION_TOKEN_SCHEME: &str = "session_token";
/// SG-Finder's `userId` header, checked against the session token.
pub const USER_ID_SCHEME: &str = "user_id";

/// The whole document, without serving anything (for tools that print it).
pub fn document() -> OpenApi {
    let mut registry = RouteRegistry::document_only(base_document());
    routes::register(&mut registry);
    finish(registry.into_document())
}

/// The document as JSON, as it is served. utoipa 5.5 writes a link's `operationRef`,
/// `operationId` and `requestBody` in snake case (its `Link` lacks serde's renaming), which
/// tools then ignore: they are renamed here.
pub fn to_json(document: &OpenApi) -> Result<Value, serde_json::Error> {
    let mut json = serde_json::to_value(document)?;
    let links = json
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut().filter_map(Value::as_object_mut))
        .flat_map(|item| item.values_mut().filter_map(|op| op.get_mut("responses")))
        .filter_map(Value::as_object_mut)
        .flat_map(|responses| responses.values_mut().filter_map(|r| r.get_mut("links")))
        .filter_map(Value::as_object_mut)
        .flat_map(|links| links.values_mut().filter_map(Value::as_object_mut));
    for link in links {
        for (snake, camel) in [
            ("operation_ref", "operationRef"),
            ("operation_id", "operationId"),
            ("request_body", "requestBody"),
        ] {
            if let Some(value) = link.remove(snake) {
                link.insert(camel.to_owned(), value);
            }
        }
    }
    Ok(json)
}

/// Info, the bearer security scheme and the tags, without paths.
pub fn base_document() -> OpenApi {
    let info = InfoBuilder::new()
        .title("Account service")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some("Accounts, log-in, sessions and verification codes."))
        .build();
    let mut components = Components::new();
    components.add_security_scheme(
        BEARER_SCHEME,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .build(),
        ),
    );
    for (scheme, header, description) in [
        (
            SESSION_TOKEN_SCHEME,
            "session-token",
            "The token `POST /user/signin` answers",
        ),
        (
            USER_ID_SCHEME,
            "userId",
            "The signed-in user's `userId`, checked against the token",
        ),
    ] {
        components.add_security_scheme(
            scheme,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                header,
                description,
            ))),
        );
    }
    let tags = [
        (
            "account-management",
            "The account management API, in its document's shapes",
        ),
        (
            "lux",
            "The Lux user API, in its document's shapes: errors are `{\"detail\": ...}`",
        ),
        (
            "accounts-roles",
            "The accounts-with-roles API, in its document's shapes: errors are `{\"message\"}`, \
             `{\"invalidFields\"}` or, for 5xx, `{\"domain\", \"errorCode\", \"description\"}`",
        ),
        (
            "sg-finder",
            "The SG-Finder auth server API, in its document's shapes: errors are \
             `{\"code\": 400, \"message\": \"bad request\"}`; signed-in routes take the \
             `session-token` and `userId` headers",
        ),
        (
            "service-user-account",
            "The service user account API, in its document's shapes: errors are \
             `{\"msg\": ...}` with `Auth` for a wrong code and `Retry Time` for a wait; a \
             bearer token from `POST /v1/account/login` replaces the raw `UserID`",
        ),
        (
            "admin",
            "Administration: device inventory, consent histories",
        ),
        (
            "profile-images",
            "The local profile image store: the signed upload and the image itself",
        ),
        ("health", "Probes for orchestrators"),
    ]
    .map(|(name, description)| {
        TagBuilder::new()
            .name(name)
            .description(Some(description))
            .build()
    });
    OpenApiBuilder::new()
        .info(info)
        .components(Some(components))
        .tags(Some(tags.to_vec()))
        .build()
}

/// Adds the error responses every operation can give: 500 (but for the probes), and for those
/// with a JSON or form body 413 and 415 (and 400 if not documented), in the error shape of the
/// path's document. The OAuth2 token endpoint answers a wrong `Content-Type` with RFC 6749's
/// 400, not 415. A raw body (the profile image upload) is never parsed: its type and length
/// are checked against what was signed (403) and its route documents its own 413.
pub fn finish(mut document: OpenApi) -> OpenApi {
    for (path, item) in document.paths.paths.iter_mut() {
        let schema = error_schema(path);
        for operation in operations_mut(item) {
            let has_body = operation.request_body.as_ref().is_some_and(|body| {
                body.content.keys().any(|content_type| {
                    ["application/json", "application/x-www-form-urlencoded"]
                        .contains(&content_type.as_str())
                })
            });
            let probe = is_probe(operation);
            let responses = &mut operation.responses.responses;
            let mut add = |status: &str, description: &str| {
                responses
                    .entry(status.to_owned())
                    .or_insert_with(|| error_response(schema, description));
            };
            if has_body {
                add(
                    "400",
                    "Malformed body or invalid fields (`invalid_request`, `invalid_fields`)",
                );
                add("413", "Body larger than the limit (`payload_too_large`)");
                if schema != OAUTH_ERROR_SCHEMA {
                    add("415", "Wrong Content-Type (`unsupported_media_type`)");
                }
            }
            if !probe {
                add(
                    "500",
                    "Unexpected failure (`internal_error`; on Lux paths `Internal server error. \
                     Please try again later.`); the cause is logged, never sent",
                );
            }
        }
    }
    document
}

/// Whether the operation is one of the probes (tag `health`), which cannot fail with a 500:
/// liveness answers from the process alone, readiness answers any failure of its store 503,
/// the metrics are rendered from memory.
fn is_probe(operation: &Operation) -> bool {
    operation
        .tags
        .as_ref()
        .is_some_and(|tags| tags.iter().any(|tag| tag == "health"))
}

/// Every documented path with its methods.
pub fn routes(document: &OpenApi) -> Vec<(String, Vec<Method>)> {
    document
        .paths
        .paths
        .iter()
        .map(|(path, item)| {
            let methods = [
                (Method::GET, item.get.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::PATCH, item.patch.is_some()),
                (Method::DELETE, item.delete.is_some()),
            ];
            (
                path.clone(),
                methods
                    .into_iter()
                    .filter_map(|(m, present)| present.then_some(m))
                    .collect(),
            )
        })
        .collect()
}

fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.post,
        &mut item.put,
        &mut item.patch,
        &mut item.delete,
    ]
    .into_iter()
    .flatten()
}

/// The error body of the document the path belongs to.
fn error_schema(path: &str) -> &'static str {
    let lux = path
        .strip_prefix(seeds::lux::PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    if lux {
        LUX_ERROR_SCHEMA
    } else if path == OAUTH_TOKEN_PATH {
        OAUTH_ERROR_SCHEMA
    } else if seeds::accounts_roles::owns(path) {
        ACCOUNTS_ROLES_ERROR_SCHEMA
    } else if seeds::sg_finder::owns(path) {
        SG_FINDER_ERROR_SCHEMA
    } else if seeds::service_user::owns(path) {
        SERVICE_USER_ERROR_SCHEMA
    } else {
        ERROR_SCHEMA
    }
}

fn error_response(schema: &str, description: &str) -> RefOr<utoipa::openapi::Response> {
    let content = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name(schema)))
        .build();
    ResponseBuilder::new()
        .description(description)
        .content("application/json", content)
        .build()
        .into()
}
