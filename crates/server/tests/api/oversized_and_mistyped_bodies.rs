//! Every operation documenting 413 or 415, from the served OpenAPI document: a body over the
//! limit is 413 and a body in a type the operation does not take is 415, each in its seed's
//! error shape, on both stores, as an ADMIN signed in to every seed.

use crate::documented::{body_limit, operations, served, shared_error};
use crate::fixtures::{admin, sg_finder_user, with_credentials};
use crate::helpers::{Backend, TestApp, http, send};

/// A body of `content_type` larger than `limit`.
fn oversized(content_type: &str, limit: usize) -> Vec<u8> {
    let padding = "x".repeat(limit + 1);
    match content_type {
        "application/json" => format!(r#"{{"padding":"{padding}"}}"#).into_bytes(),
        "application/x-www-form-urlencoded" => format!("padding={padding}").into_bytes(),
        other => panic!("no oversized body for {other}"),
    }
}

async fn every_documented_413_and_415_is_answered(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let caller = admin(&test_app, &app, "bodies@example.com").await;
    let sg_finder = sg_finder_user(&app, "bodies").await;
    let document = served(&app).await;
    let mut checked = 0;
    // The upload to a signed URL takes raw image bytes up to what the URL allows: its 413 is
    // proved with the signed URL (`profile_image_uploads.rs`).
    let json_or_form = operations(&document)
        .into_iter()
        .filter(|operation| !operation.path.starts_with("/profile-images/"));
    for operation in json_or_form {
        let target = operation.target(|parameter| match parameter {
            "userId" => sg_finder.0.clone(),
            "file" => "face.png".to_owned(),
            _ => caller.id.to_string(),
        });
        let content_type = operation.body_types().into_iter().next();
        let mut cases: Vec<(u16, &str, Vec<u8>)> = Vec::new();
        if operation.documents(413) {
            let content_type = content_type.as_deref().expect("a documented body");
            cases.push((
                413,
                content_type,
                oversized(content_type, body_limit(&operation.path)),
            ));
        }
        if operation.documents(415) {
            cases.push((415, "text/plain", b"{}".to_vec()));
        }
        for (status, content_type, body) in cases {
            let sent = with_credentials(operation.request(&target), &caller, &sg_finder)
                .insert_header(("Content-Type", content_type))
                .set_payload(body);
            let reply = send(&app, sent).await;
            let schema = operation.schema_of(status);
            assert_eq!(
                (reply.status.as_u16(), &reply.body),
                (status, &shared_error(&schema, &operation.path, status)),
                "{operation} ({content_type})"
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} answers checked: {document:?}");
}

crate::on_both_stores!(every_documented_413_and_415_is_answered);
