//! The OpenAPI `links` that lead schemathesis's stateful phase (`scripts/api-fuzz`) from one
//! answer to the next request: each must name an operation the document has, and take its
//! values from fields the source operation's request or answer has. A renamed field or path
//! would otherwise leave a link that silently leads nowhere.

use serde_json::Value;

/// The operation an `operationRef` like `#/paths/~1user~1signin/post` points at.
fn target<'a>(document: &'a Value, link: &Value) -> Option<&'a Value> {
    let pointer = link["operationRef"].as_str()?.strip_prefix('#')?;
    document.pointer(pointer)
}

/// The schema of a request body or a JSON answer, its `$ref` followed.
fn schema<'a>(document: &'a Value, content: &'a Value) -> &'a Value {
    let schema = &content["content"]["application/json"]["schema"];
    match schema["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
        Some(pointer) => document.pointer(pointer).unwrap_or(&Value::Null),
        None => schema,
    }
}

/// Every `$request.body#/x` and `$response.body#/x` in a link's values names a property `x`
/// of the source's request body or answer.
fn expressions_resolve(document: &Value, source: &Value, answer: &Value, link: &Value) -> bool {
    let values = link["parameters"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
        .chain(
            link["requestBody"]
                .as_object()
                .into_iter()
                .flat_map(|b| b.values()),
        );
    values.filter_map(Value::as_str).all(|expression| {
        let (side, field) = match expression.split_once("#/") {
            Some(("$request.body", field)) => (schema(document, &source["requestBody"]), field),
            Some(("$response.body", field)) => (schema(document, answer), field),
            _ => return false,
        };
        side["properties"].get(field).is_some()
    })
}

#[test]
fn every_link_leads_to_an_operation_with_values_its_source_has() {
    let document =
        account_http::openapi::to_json(&account_http::openapi::document()).unwrap_or_default();
    let mut links = Vec::new();
    for (path, operations) in document["paths"].as_object().into_iter().flatten() {
        for (method, operation) in operations.as_object().into_iter().flatten() {
            for (status, answer) in operation["responses"].as_object().into_iter().flatten() {
                for (name, link) in answer["links"].as_object().into_iter().flatten() {
                    links.push(format!("{method} {path} {status} {name}"));
                    assert!(
                        target(&document, link).is_some(),
                        "{name}: no such operation: {link}"
                    );
                    assert!(
                        expressions_resolve(&document, operation, answer, link),
                        "{method} {path} {status} {name}: {link}"
                    );
                }
            }
        }
    }
    links.sort();
    assert_eq!(
        links,
        [
            "post /auth/accounts/login 200 Refresh",
            "post /auth/accounts/register 201 LogIn",
            "post /user/signin 200 DeleteUser",
            "post /user/signin 200 ReadUser",
            "post /user/signin 200 RegisterGame",
            "post /user/signin 200 ReplaceUser",
            "post /user/signup 200 SignIn",
        ]
    );
}
