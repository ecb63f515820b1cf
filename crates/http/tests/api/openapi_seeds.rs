//! The document groups its operations by seed document, one declared tag each, and shows
//! examples: every operation of a seed document with a JSON body or a JSON success answer
//! carries an example of it, so a generated client's docs and the `/docs` page show one.

use serde_json::Value;

/// Each seed document's tag and the paths it serves.
const SEEDS: [(&str, &[&str]); 5] = [
    ("account-management", &["/auth/accounts"]),
    ("lux", &["/api/v1/lux/"]),
    ("service-user-account", &["/v1/account/"]),
    ("sg-finder", &["/user/"]),
    (
        "accounts-roles",
        &["/accounts/", "/account/", "/login/oauth2/", "/users/"],
    ),
];

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn document() -> Value {
    serde_json::to_value(account_http::openapi::document()).expect("the document as JSON")
}

/// Every operation: its path, method and the operation object.
fn operations(document: &Value) -> Vec<(String, &'static str, Value)> {
    let paths = document["paths"].as_object().expect("paths");
    let mut found = Vec::new();
    for (path, item) in paths {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                found.push((path.clone(), method, operation.clone()));
            }
        }
    }
    found
}

fn seed_of(path: &str) -> Option<&'static str> {
    SEEDS
        .iter()
        .find(|(_, prefixes)| prefixes.iter().any(|prefix| path.starts_with(prefix)))
        .map(|(tag, _)| *tag)
}

/// Whether a schema shows an example: its own, its properties', its items' or, through a
/// reference or a `oneOf`, another schema's.
fn shows_example(document: &Value, schema: &Value) -> bool {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or_default();
        return shows_example(document, &document["components"]["schemas"][name]);
    }
    let own = schema.get("example").is_some() || schema.get("examples").is_some();
    let properties = schema["properties"].as_object().is_some_and(|properties| {
        properties
            .values()
            .any(|p| p.get("example").is_some() || p.get("examples").is_some())
    });
    let alternatives = ["oneOf", "anyOf", "allOf"].iter().any(|key| {
        schema[key]
            .as_array()
            .is_some_and(|options| options.iter().any(|o| shows_example(document, o)))
    });
    own || properties
        || alternatives
        || (schema.get("items").is_some() && shows_example(document, &schema["items"]))
}

/// Whether JSON content, if any, shows an example.
fn json_shows_example(document: &Value, content: &Value) -> bool {
    match content.get("application/json") {
        None => true,
        Some(media) => {
            media.get("example").is_some()
                || media.get("examples").is_some()
                || shows_example(document, &media["schema"])
        }
    }
}

#[test]
fn each_operation_has_one_declared_tag_its_seed_documents() {
    let document = document();
    let declared: Vec<&str> = document["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|tag| tag["name"].as_str())
        .collect();
    for (path, method, operation) in operations(&document) {
        let tags: Vec<&str> = operation["tags"]
            .as_array()
            .map(|tags| tags.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(tags.len(), 1, "{method} {path}: {tags:?}");
        assert!(
            declared.contains(&tags[0]),
            "{method} {path}: {tags:?} not declared"
        );
        let seed_tag = SEEDS.iter().any(|(tag, _)| *tag == tags[0]);
        match seed_of(&path) {
            Some(seed) => assert_eq!(tags[0], seed, "{method} {path}"),
            None => assert!(
                !seed_tag,
                "{method} {path} is in no seed document: {tags:?}"
            ),
        }
    }
}

#[test]
fn seed_operations_show_an_example_of_their_bodies_and_answers() {
    let document = document();
    let mut missing = Vec::new();
    for (path, method, operation) in operations(&document) {
        if seed_of(&path).is_none() {
            continue;
        }
        if !json_shows_example(&document, &operation["requestBody"]["content"]) {
            missing.push(format!("{method} {path}: request body"));
        }
        let responses = operation["responses"].as_object().expect("responses");
        for (status, response) in responses.iter().filter(|(s, _)| s.starts_with('2')) {
            if !json_shows_example(&document, &response["content"]) {
                missing.push(format!("{method} {path}: {status} answer"));
            }
        }
    }
    assert!(missing.is_empty(), "no example: {missing:#?}");
}
