//! The profile image upload's other answers, on both stores: a key that is no image is 404, a
//! body over what the URL allows 413, and a file store that cannot write or read the image
//! (a directory squats its file name) 500, each in the shape of the routes no seed covers.

use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use serde_json::json;

use crate::documented::shared_error;
use crate::fixtures::signed_up;
use crate::helpers::{Backend, TestApp, http, send, with_bearer};

const IMAGE_ROUTE: &str = "/profile-images/{accountId}/{file}";

fn upload(target: &str, body: Vec<u8>) -> TestRequest {
    TestRequest::put()
        .uri(target)
        .insert_header(("content-type", "image/png"))
        .set_payload(body)
}

async fn uploads_refused_or_failed_by_the_file_store(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let owner = signed_up(&app, "squatted@example.com").await;
    let ask = with_bearer(
        TestRequest::get().uri(&format!(
            "/accounts/{}/profile/image/signed-put-url?filename=me.png",
            owner.id
        )),
        &owner.token,
    );
    let signed = crate::status_record::call(&app, ask).await;
    assert_eq!(signed.status(), StatusCode::OK);
    let signed_url = String::from_utf8(test::read_body(signed).await.to_vec()).expect("a URL");
    let base = test_app.config.public_base_url();
    let target = signed_url.strip_prefix(&base).expect("this service");
    let (image_path, query) = target.split_once('?').expect("a signed query");

    let not_an_image = format!("/profile-images/{}/notes.txt?{query}", owner.id);
    let reply = send(&app, upload(&not_an_image, b"text".to_vec())).await;
    assert_eq!(
        (reply.status, reply.body),
        (
            StatusCode::NOT_FOUND,
            json!({"status": 404, "code": 40400, "message": "Not Found", "detail": "",
                   "error": "not_found"})
        )
    );

    let cap = usize::try_from(test_app.config.profile_image_max_bytes).expect("a size");
    let reply = send(&app, upload(target, vec![0; cap + 1])).await;
    assert_eq!(
        (reply.status, reply.body),
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            json!({"status": 413, "code": 41300, "detail": "", "error": "payload_too_large",
                   "message": "The image is empty or larger than the URL allows"})
        )
    );

    // A directory where the image's file goes: the file store can neither put the image there
    // nor read it back.
    let file = image_path.strip_prefix("/profile-images/").expect("a key");
    let squatter = test_app.config.data_dir.join("profile-images").join(file);
    std::fs::create_dir_all(squatter.join("inside")).expect("a directory");
    let failed = shared_error("AccountManagementErrorBody", IMAGE_ROUTE, 500);
    let reply = send(&app, upload(target, b"\x89PNG".to_vec())).await;
    assert_eq!(
        (reply.status, &reply.body),
        (StatusCode::INTERNAL_SERVER_ERROR, &failed)
    );
    let reply = send(&app, TestRequest::get().uri(image_path)).await;
    assert_eq!(
        (reply.status, &reply.body),
        (StatusCode::INTERNAL_SERVER_ERROR, &failed)
    );
}

crate::on_both_stores!(uploads_refused_or_failed_by_the_file_store);
