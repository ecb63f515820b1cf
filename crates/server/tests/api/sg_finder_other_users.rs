//! SG-Finder's `/user/{userId}` with another user's id, no user's id and an impossible id, on
//! both stores: a user may not read, replace or delete another (403); an ADMIN may, and finds
//! no such user (404); an id no user could have is 400.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::fixtures::{make_admin, sg_finder_session, sg_finder_user, with_session};
use crate::helpers::{Backend, TestApp, http, send};

fn replacement(user_id: &str) -> Value {
    json!({"userId": user_id, "passwd": "correct horse battery", "userName": "한태웅",
           "email": format!("sg-{user_id}@example.com"), "birth": "1994-05-20",
           "introduce": "again"})
}

/// GET, PUT and DELETE of `/user/{user_id}`.
fn each_method(user_id: &str) -> [TestRequest; 3] {
    let path = format!("/user/{user_id}");
    [
        TestRequest::get().uri(&path),
        TestRequest::put().uri(&path).set_json(replacement(user_id)),
        TestRequest::delete().uri(&path),
    ]
}

async fn other_missing_and_impossible_user_ids(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let alice = sg_finder_user(&app, "alice1").await;
    let bobby = sg_finder_user(&app, "bobby1").await;

    for request in each_method(&bobby.0) {
        let reply = send(&app, with_session(request, &alice)).await;
        assert_eq!(
            (reply.status, reply.body),
            (
                StatusCode::FORBIDDEN,
                json!({"code": 403, "message": "forbidden"})
            )
        );
    }
    for request in [TestRequest::get(), TestRequest::delete()] {
        let reply = send(&app, with_session(request.uri("/user/a!b"), &alice)).await;
        assert_eq!(
            (reply.status, reply.body),
            (
                StatusCode::BAD_REQUEST,
                json!({"code": 400, "message": "bad request"})
            )
        );
    }

    make_admin(&test_app, "sg-bobby1@example.com").await;
    let admin = (bobby.0.clone(), sg_finder_session(&app, &bobby.0).await);
    for request in each_method("nobody1") {
        let reply = send(&app, with_session(request, &admin)).await;
        assert_eq!(
            (reply.status, reply.body),
            (
                StatusCode::NOT_FOUND,
                json!({"code": 404, "message": "not found"})
            )
        );
    }
}

crate::on_both_stores!(other_missing_and_impossible_user_ids);
