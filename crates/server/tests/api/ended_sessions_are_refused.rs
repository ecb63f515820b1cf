//! Every operation that asks for credentials and documents 401 refuses the credentials of an
//! ended session (a bearer token after log-out, an SG-Finder token after sign-out) with 401 in
//! its seed's shape, on both stores.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::documented::{operations, sample_body, served};
use crate::fixtures::{admin, sg_finder_user, with_credentials};
use crate::helpers::{Backend, TestApp, http, send, with_bearer};

/// The 401 an operation documented with `schema` answers an ended session with.
fn refused(schema: &str, path: &str) -> Value {
    match schema {
        "AccountManagementErrorBody" if path.starts_with("/auth/accounts") => {
            json!({"status": 401, "code": 40100, "message": "Unauthorized", "detail": ""})
        }
        "AccountManagementErrorBody" => json!({"status": 401, "code": 40100,
            "message": "Unauthorized", "detail": "", "error": "session_ended"}),
        "LuxErrorBody" => json!({"detail": "Could not validate credentials"}),
        "AccountsRolesErrorBody" => json!({"message": "Unauthorized"}),
        "SgFinderErrorBody" => json!({"code": 401, "message": "unauthorized"}),
        "ServiceUserErrorBody" => json!({"msg": "Unauthorized"}),
        other => panic!("no 401 known for {other}"),
    }
}

async fn ended_sessions_get_401_everywhere_documented(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let caller = admin(&test_app, &app, "ended@example.com").await;
    let sg_finder = sg_finder_user(&app, "ended").await;
    let document = served(&app).await;
    let logged_out = send(
        &app,
        with_bearer(
            TestRequest::post().uri("/auth/accounts/logout"),
            &caller.token,
        ),
    )
    .await;
    assert_eq!(logged_out.status, StatusCode::OK, "{}", logged_out.body);
    let signed_out = send(
        &app,
        with_credentials(TestRequest::get().uri("/user/signout"), &caller, &sg_finder),
    )
    .await;
    assert_eq!(signed_out.status, StatusCode::OK, "{}", signed_out.body);

    let mut wrong = Vec::new();
    let mut checked = 0;
    let secured = operations(&document)
        .into_iter()
        .filter(|operation| operation.is_secured() && operation.documents(401));
    for operation in secured {
        let target = operation.target(|parameter| match parameter {
            "userId" if operation.path.starts_with("/user/") => sg_finder.0.clone(),
            "real_user_id" => "1".to_owned(),
            _ => caller.id.to_string(),
        });
        let mut request = operation.request(&target);
        // A body in the documented type: the credentials are what is refused.
        if let Some((content_type, body)) = sample_body(&operation, &document) {
            request = request
                .insert_header(("Content-Type", content_type))
                .set_payload(body);
        }
        let reply = send(&app, with_credentials(request, &caller, &sg_finder)).await;
        let expected = refused(&operation.schema_of(401), &operation.path);
        if (reply.status, &reply.body) != (StatusCode::UNAUTHORIZED, &expected) {
            wrong.push(format!("{operation}: {} {}", reply.status, reply.body));
        }
        checked += 1;
    }
    assert!(checked > 40, "only {checked} operations checked");
    assert!(
        wrong.is_empty(),
        "answered otherwise:\n{}",
        wrong.join("\n")
    );
}

crate::on_both_stores!(ended_sessions_get_401_everywhere_documented);
