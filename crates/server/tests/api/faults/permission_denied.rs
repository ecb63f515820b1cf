//! A store that refuses the service's statements (its role lost its table privileges after the
//! migrations, as a mistaken `REVOKE` by an operator does): not "unavailable", so every
//! operation documenting a 500 answers 500 in its own seed's error shape, and nothing panics.

use std::process::Command;

use serde_json::{Value, json};

use super::cluster::Cluster;
use crate::documented::{Operation, operations, sample_body, shared_error};
use crate::helpers::LoggedService;
use crate::http_client::{request, request_typed};

const PASSWORD: &str = "correct horse battery";
/// The role the service runs as: not the cluster's superuser, whose rights cannot be taken.
const ROLE: &str = "account_service";

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// Runs `account-service <args>` on the cluster as its superuser; panics on failure.
fn operate(cluster: &Cluster, args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_account-service"))
        .env_clear()
        .env("DATABASE_URL", cluster.url())
        .env("RUST_LOG", "warn")
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// POSTs `body` (JSON) to `path`; the answer's body, after asserting its status.
fn post(port: u16, path: &str, body: &Value, status: u16) -> Value {
    let reply = request(port, "POST", path, Some(&body.to_string())).expect("an answer");
    assert_eq!(reply.status, status, "{path}: {}", reply.body);
    json_of(&reply.body)
}

/// The query an operation needs to get past its checks to the store.
fn query_of(path: &str) -> &'static str {
    match path {
        "/v1/account/add" | "/v1/account/find" => "?Token=123456",
        "/v1/account/auth" => "?Email=refused%40example.com",
        "/login/oauth2/code/{registrationId}" => "?state=refused-state&code=refused-code",
        _ => "",
    }
}

#[test]
fn a_role_without_table_privileges_gets_500_in_each_seeds_shape_everywhere_documented() {
    let cluster = Cluster::start();
    operate(&cluster, &["migrate"]);
    cluster.query(&format!(
        "CREATE ROLE {ROLE} LOGIN; \
         GRANT ALL ON ALL TABLES IN SCHEMA public TO {ROLE}; \
         GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {ROLE}; \
         GRANT CREATE ON SCHEMA public TO {ROLE}"
    ));
    let url = format!("postgres://{ROLE}@127.0.0.1:{}/postgres", cluster.port);
    // Google sign-in configured (its endpoints are never reached: the store fails first).
    let nowhere = "http://127.0.0.1:9/google";
    let service = LoggedService::start_with_env(
        &[
            ("DATABASE_URL", &url),
            ("ACCOUNT_GOOGLE_CLIENT_ID", "refused-client"),
            ("ACCOUNT_GOOGLE_CLIENT_SECRET", "refused-secret"),
            ("ACCOUNT_GOOGLE_REDIRECT_URI", nowhere),
            ("ACCOUNT_GOOGLE_AUTHORIZATION_ENDPOINT", nowhere),
            ("ACCOUNT_GOOGLE_TOKEN_ENDPOINT", nowhere),
            ("ACCOUNT_GOOGLE_JWKS_URI", nowhere),
            ("ACCOUNT_GOOGLE_ISSUER", nowhere),
        ],
        |_| {},
    );
    let port = service.port;

    // The callers, while the role still has its rights: an ADMIN, signed in to SG-Finder too.
    let owner = json!({"email": "owner@example.com", "password": PASSWORD, "name": "Owner Kim"});
    let account_id = post(port, "/auth/accounts/register", &owner, 201)["id"]
        .as_i64()
        .expect("an id")
        .to_string();
    operate(&cluster, &["set-roles", "owner@example.com", "ADMIN,USER"]);
    let login = json!({"email": "owner@example.com", "password": PASSWORD});
    let tokens = post(port, "/auth/accounts/login", &login, 200);
    let bearer = format!(
        "Bearer {}",
        tokens["accessToken"].as_str().expect("a token")
    );
    let sg_user = json!({"userId": "refused", "passwd": PASSWORD, "userName": "Han",
                         "email": "sg@example.com", "birth": "1994-05-20", "introduce": "hi"});
    post(port, "/user/signup", &sg_user, 200);
    let signin = json!({"userId": "refused", "passwd": PASSWORD});
    let session = post(port, "/user/signin", &signin, 200)["session-token"]
        .as_str()
        .expect("a session token")
        .to_owned();
    let document = json_of(
        &request(port, "GET", "/openapi.json", None)
            .expect("the document")
            .body,
    );

    cluster.query(&format!(
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {ROLE}"
    ));

    let headers = [
        ("Authorization", bearer.as_str()),
        ("session-token", session.as_str()),
        ("userId", "refused"),
        ("Cookie", "oauth2_state=refused-state"),
    ];
    let mut wrong = Vec::new();
    // The profile images live in files, not in the store: their 500s come from the file
    // store's faults (`profile_image_store_faults.rs`).
    let documenting_500: Vec<Operation> = operations(&document)
        .into_iter()
        .filter(|operation| operation.documents(500))
        .filter(|operation| !operation.path.starts_with("/profile-images/"))
        .collect();
    assert!(
        documenting_500.len() > 60,
        "{} operations",
        documenting_500.len()
    );
    for operation in &documenting_500 {
        let target = operation.target(|parameter| match parameter {
            "userId" if operation.path.starts_with("/user/") => "refused".to_owned(),
            "registrationId" => "google".to_owned(),
            "file" => "face.png".to_owned(),
            "real_user_id" => "1".to_owned(),
            _ => account_id.clone(),
        });
        let target = target + query_of(&operation.path);
        let body = sample_body(operation, &document);
        let typed = body.as_ref().map(|(t, b)| (t.as_str(), b.as_str()));
        let reply =
            request_typed(port, &operation.method, &target, typed, &headers).expect("an answer");
        let expected = shared_error(&operation.schema_of(500), &operation.path, 500);
        let got = (reply.status, json_of(&reply.body));
        if got != (500, expected.clone()) {
            wrong.push(format!("{operation}: {} {}", got.0, reply.body));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} operations documenting 500 answered otherwise:\n{}",
        wrong.len(),
        documenting_500.len(),
        wrong.join("\n")
    );
    let log = service.log();
    assert!(log.contains("permission denied"), "the cause is logged");
    assert!(!log.contains("panicked"), "{log}");
}
