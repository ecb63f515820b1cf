//! The operations of the served OpenAPI document (`GET /openapi.json`), for the tests that go
//! through every operation documenting a status, and the error bodies each seed gives for the
//! statuses every operation shares (413, 415, 500), to the letter.

use actix_http::Request;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::Method;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::helpers::send;

/// The document the in-process service serves at `/openapi.json`.
pub async fn served<S, B>(app: &S) -> Value
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    send(app, TestRequest::get().uri("/openapi.json"))
        .await
        .body
}

/// One operation of the document.
pub struct Operation {
    pub method: String,
    /// The path template, e.g. `/accounts/{accountId}`.
    pub path: String,
    operation: Value,
}

impl Operation {
    /// Whether the operation lists `status` among its responses.
    pub fn documents(&self, status: u16) -> bool {
        self.operation["responses"]
            .get(status.to_string())
            .is_some()
    }

    /// Whether the operation asks for credentials (a bearer token or SG-Finder's session).
    pub fn is_secured(&self) -> bool {
        self.operation.get("security").is_some()
    }

    /// The content types its request body is documented in (none without a body).
    pub fn body_types(&self) -> Vec<String> {
        self.operation["requestBody"]["content"]
            .as_object()
            .map(|content| content.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The name of the schema its `status` answer is documented with (`LuxErrorBody`, ...).
    pub fn schema_of(&self, status: u16) -> String {
        let content = &self.operation["responses"][status.to_string()]["content"];
        let reference = content["application/json"]["schema"]["$ref"].as_str();
        let name = reference.and_then(|r| r.rsplit('/').next());
        name.unwrap_or_else(|| panic!("{self}: no JSON schema for {status}"))
            .to_owned()
    }

    /// The example of its request body in `content_type`: the body's own, else its schema's.
    pub fn example_body(&self, document: &Value, content_type: &str) -> Option<Value> {
        let content = &self.operation["requestBody"]["content"][content_type];
        let schema = content["schema"]["$ref"]
            .as_str()
            .and_then(|r| r.rsplit('/').next())
            .map(|name| &document["components"]["schemas"][name]);
        [
            content.get("example"),
            schema.and_then(|s| s.get("example")),
        ]
        .into_iter()
        .flatten()
        .find(|example| !example.is_null())
        .cloned()
    }

    /// A request of this operation's method to `target`.
    pub fn request(&self, target: &str) -> TestRequest {
        let method = Method::from_bytes(self.method.as_bytes()).expect("a method");
        TestRequest::default().method(method).uri(target)
    }

    /// The path with each `{parameter}` replaced by `value(parameter)`.
    pub fn target(&self, value: impl Fn(&str) -> String) -> String {
        let mut target = String::new();
        let mut rest = self.path.as_str();
        while let Some((before, after)) = rest.split_once('{') {
            let (name, after) = after.split_once('}').expect("a closed parameter");
            target.push_str(before);
            target.push_str(&value(name));
            rest = after;
        }
        target.push_str(rest);
        target
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// Every operation of `document`, in the document's order.
pub fn operations(document: &Value) -> Vec<Operation> {
    let paths = document["paths"].as_object().expect("the document's paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            let methods = item.as_object().expect("a path item");
            methods.iter().map(move |(method, operation)| Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                operation: operation.clone(),
            })
        })
        .collect()
}

/// The body limit of the operation at `path`: the provisioning batch's, or the default.
pub fn body_limit(path: &str) -> usize {
    if path == "/admin/devices" {
        account_http::seeds::admin::routes::PROVISION_BODY_LIMIT
    } else {
        account_http::HttpSettings::DEFAULT_BODY_LIMIT
    }
}

/// The error body an operation documented with `schema` answers `status` (413, 415 or 500)
/// with: each seed's own shape and words. The account-management shape names the error
/// (`error`) only on the routes no seed covers (all but `/auth/accounts/...`).
pub fn shared_error(schema: &str, path: &str, status: u16) -> Value {
    let too_large = format!("Request body is larger than {} bytes", body_limit(path));
    let (id, message) = match status {
        413 => ("payload_too_large", too_large.as_str()),
        415 => (
            "unsupported_media_type",
            "Content-Type must be application/json",
        ),
        500 => ("internal_error", "Internal Server Error"),
        _ => panic!("no shared error body for {status}"),
    };
    match schema {
        "AccountManagementErrorBody" => {
            let mut body = json!({
                "status": status, "code": u32::from(status) * 100, "message": message, "detail": "",
            });
            if !path.starts_with("/auth/accounts") {
                body["error"] = json!(id);
            }
            body
        }
        "LuxErrorBody" if status == 500 => {
            json!({"detail": "Internal server error. Please try again later."})
        }
        "LuxErrorBody" => json!({"detail": message}),
        "AccountsRolesErrorBody" if status == 500 => {
            json!({"domain": "account", "errorCode": id, "description": message})
        }
        "AccountsRolesErrorBody" => json!({"message": message}),
        "SgFinderErrorBody" if status == 500 => {
            json!({"code": 500, "message": "internal server error"})
        }
        "SgFinderErrorBody" => json!({"code": status, "message": id.replace('_', " ")}),
        "ServiceUserErrorBody" => json!({"msg": message}),
        "OAuthErrorBody" if status == 500 => {
            json!({"error": "server_error", "error_description": message})
        }
        "OAuthErrorBody" => json!({"error": "invalid_request", "error_description": message}),
        other => panic!("no error body known for {other}"),
    }
}

/// A body for an operation, with its content type: its documented example where it has one,
/// else one that passes its checks.
pub fn sample_body(operation: &Operation, document: &Value) -> Option<(String, String)> {
    let content_type = operation.body_types().into_iter().next()?;
    let body = match (operation.path.as_str(), content_type.as_str()) {
        (_, "application/x-www-form-urlencoded") => {
            "grant_type=password&username=someone%40example.com&password=a+passphrase".to_owned()
        }
        (_, "image/png") => "\u{89}PNG".to_owned(),
        ("/admin/accounts/{id}/roles", _) => json!({"roles": ["USER"]}).to_string(),
        ("/admin/devices", _) => json!([{"serial_code": "SN-0001", "mac_id": "41AD",
                                          "device_unique_id": "unique-0001"}])
        .to_string(),
        ("/api/v1/lux/user/delete-real-user", _) => {
            json!({"real_user_id": 1, "unique_id": "unique-0001"}).to_string()
        }
        _ => operation
            .example_body(document, &content_type)
            .unwrap_or_else(|| panic!("{operation}: no example body"))
            .to_string(),
    };
    Some((content_type, body))
}
