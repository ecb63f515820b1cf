//! Profile images end to end (`accounts-roles-oauth.txt`): the signed upload URL as the
//! document prints it (`text/plain;charset=UTF-8`), its refusals in the document's shapes, the
//! upload to the local store (the embedded default) in process on both stores and through the
//! real binary, `profileImgUri`, and the delete at the printed and the corrected path.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use actix_http::Request;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use serde_json::{Value, json};

use crate::helpers::{Backend, LoggedService, TestApp, http, post_json, send, with_bearer};

const PASSWORD: &str = "correct horse battery";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR a tiny picture";

/// Status, content type and raw body of one request.
async fn raw<S, B>(app: &S, request: TestRequest) -> (StatusCode, String, Vec<u8>)
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let response = crate::status_record::call(app, request).await;
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = test::read_body(response).await.to_vec();
    (status, content_type, body)
}

fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap_or(Value::Null)
}

async fn signed_urls_uploads_and_deletes_follow_the_document(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let mut users = Vec::new();
    for email in ["pic@example.com", "peer@example.com"] {
        let body = json!({"email": email, "password": PASSWORD, "name": "Pic Owner"});
        let created = send(&app, post_json("/auth/accounts/register", body)).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let login = json!({"email": email, "password": PASSWORD});
        let tokens = send(&app, post_json("/auth/accounts/login", login)).await;
        let token = tokens.body["accessToken"]
            .as_str()
            .expect("token")
            .to_owned();
        users.push((created.body["id"].as_i64().expect("id"), token));
    }
    let (owner, token) = users[0].clone();
    let (_, peer_token) = users[1].clone();
    let signed_url = format!("/accounts/{owner}/profile/image/signed-put-url");
    let ask = |query: &str, token: &str| {
        with_bearer(
            TestRequest::get().uri(&format!("{signed_url}{query}")),
            token,
        )
    };

    // The URL: 200, text/plain;charset=UTF-8, the body a URL of the local store.
    let (status, content_type, body) = raw(&app, ask("?filename=me.png", &token)).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(content_type, "text/plain;charset=UTF-8");
    let url = String::from_utf8(body).expect("text");
    let base = test_app.config.public_base_url();
    let prefix = format!("{base}/profile-images/{owner}/");
    assert!(url.starts_with(&prefix) && url.contains(".png?"), "{url}");
    let (image_uri, _) = url.split_once('?').expect("a signed query");
    let local = url.strip_prefix(&base).expect("this service");
    let image_path = image_uri.strip_prefix(&base).expect("this service");

    // profileImgUri points at the image from now on.
    let summary = send(
        &app,
        with_bearer(
            TestRequest::get().uri(&format!("/accounts/{owner}/summary")),
            &token,
        ),
    )
    .await;
    assert_eq!(summary.body["profileImgUri"], image_uri);
    let (status, _, _) = raw(&app, TestRequest::get().uri(image_path)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nothing uploaded yet");

    // Refusals in the document's shapes.
    let cases: [(&str, StatusCode, Value); 5] = [
        (
            "",
            StatusCode::BAD_REQUEST,
            json!({"invalidFields": ["filename"]}),
        ),
        (
            "?filename=me.webp",
            StatusCode::BAD_REQUEST,
            json!({"invalidFields": ["filename"]}),
        ),
        (
            "?filename=me.png&size=x",
            StatusCode::BAD_REQUEST,
            json!({"invalidFields": ["size"]}),
        ),
        (
            "?filename=me.png&size=5242881",
            StatusCode::BAD_REQUEST,
            json!({"invalidFields": ["size"]}),
        ),
        (
            "?filename=me.png&size=0",
            StatusCode::BAD_REQUEST,
            json!({"invalidFields": ["size"]}),
        ),
    ];
    for (query, expected_status, expected_body) in cases {
        let (status, _, body) = raw(&app, ask(query, &token)).await;
        assert_eq!(
            (status, json_of(&body)),
            (expected_status, expected_body),
            "{query}"
        );
    }
    let (status, _, body) = raw(&app, ask("?filename=me.png", &peer_token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(json_of(&body)["message"].is_string(), "{body:?}");
    let (status, _, body) = raw(
        &app,
        TestRequest::get().uri(&format!("{signed_url}?filename=a.png")),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(json_of(&body)["message"].is_string());

    // The upload: only as signed.
    let put = |content_type: &str, body: &[u8]| {
        TestRequest::put()
            .uri(local)
            .insert_header(("content-type", content_type.to_owned()))
            .set_payload(body.to_vec())
    };
    let (status, _, body) = raw(&app, put("image/gif", PNG)).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "{}",
        String::from_utf8_lossy(&body)
    );
    assert_eq!(json_of(&body)["error"], "forbidden");
    let tampered = local.replace("maxLength=", "maxLength=9");
    let (status, _, _) = raw(
        &app,
        TestRequest::put()
            .uri(&tampered)
            .insert_header(("content-type", "image/png"))
            .set_payload(PNG.to_vec()),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a changed bound");
    let (status, _, _) = raw(&app, put("image/png", PNG)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, content_type, body) = raw(&app, TestRequest::get().uri(image_path)).await;
    assert_eq!(
        (status, content_type.as_str()),
        (StatusCode::OK, "image/png")
    );
    assert_eq!(body, PNG);

    // An exact size is bound: another length is refused.
    let (_, _, body) = raw(&app, ask("?filename=me.gif&size=3", &token)).await;
    let exact = String::from_utf8(body).expect("text");
    let exact_local = exact.strip_prefix(&base).expect("this service").to_owned();
    let (status, _, _) = raw(
        &app,
        TestRequest::put()
            .uri(&exact_local)
            .insert_header(("content-type", "image/gif"))
            .set_payload(b"GIF8".to_vec()),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a length other than signed");
    let (status, _, _) = raw(&app, TestRequest::get().uri(image_path)).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the previous image went with the new URL"
    );

    // Delete at the printed path, then at the corrected one (nothing left: still 204).
    for path in [
        format!("/account/{owner}/profile/imag"),
        format!("/accounts/{owner}/profile/image"),
    ] {
        let (status, _, body) =
            raw(&app, with_bearer(TestRequest::delete().uri(&path), &token)).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{path}: {body:?}");
        assert!(body.is_empty());
    }
    let read = send(
        &app,
        with_bearer(
            TestRequest::get().uri(&format!("/accounts/{owner}")),
            &token,
        ),
    )
    .await;
    assert!(read.body.get("profileImgUri").is_none(), "{}", read.body);
    let (status, _, body) = raw(
        &app,
        with_bearer(
            TestRequest::delete().uri(&format!("/account/{owner}/profile/imag")),
            &peer_token,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body:?}");
}

crate::on_both_stores!(signed_urls_uploads_and_deletes_follow_the_document);

/// One request to the real binary with raw bytes; status, content type, body.
fn exchange(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("head");
    stream.write_all(body).expect("body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    crate::status_record::record(method, path, status);
    let content_type = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_default();
    (status, content_type, raw[split + 4..].to_vec())
}

#[test]
fn the_real_binary_takes_the_upload_and_serves_the_image_from_a_private_file() {
    let service = LoggedService::start(|_| {});
    let port = service.port;
    let json = [("Content-Type", "application/json")];
    let register =
        br#"{"email":"bin@example.com","password":"correct horse battery","name":"Bin Ary"}"#;
    let (status, _, body) = exchange(port, "POST", "/auth/accounts/register", &json, register);
    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
    let id = json_of(&body)["id"].as_i64().expect("id");
    let login = br#"{"email":"bin@example.com","password":"correct horse battery"}"#;
    let (_, _, body) = exchange(port, "POST", "/auth/accounts/login", &json, login);
    let token = json_of(&body)["accessToken"]
        .as_str()
        .expect("token")
        .to_owned();
    let bearer = format!("Bearer {token}");
    let auth = [("Authorization", bearer.as_str())];

    let (status, content_type, body) = exchange(
        port,
        "GET",
        &format!("/accounts/{id}/profile/image/signed-put-url?filename=face.JPG"),
        &auth,
        b"",
    );
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/plain;charset=UTF-8")
    );
    let url = String::from_utf8(body).expect("text");
    let base = format!("http://127.0.0.1:{port}");
    let path = url
        .strip_prefix(&base)
        .expect("a URL of this service")
        .to_owned();
    let (image_path, _) = path.split_once('?').expect("signed");
    assert!(image_path.ends_with(".jpg"), "{image_path}");

    let jpeg = b"\xff\xd8\xff\xe0 a jpeg";
    let (status, _, _) = exchange(port, "PUT", &path, &[("Content-Type", "image/png")], jpeg);
    assert_eq!(status, 403, "another content type");
    let (status, _, body) = exchange(port, "PUT", &path, &[("Content-Type", "image/jpeg")], jpeg);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let (status, content_type, body) = exchange(port, "GET", image_path, &[], b"");
    assert_eq!((status, content_type.as_str()), (200, "image/jpeg"));
    assert_eq!(body, jpeg);

    let (_, _, body) = exchange(port, "GET", &format!("/accounts/{id}"), &auth, b"");
    assert_eq!(
        json_of(&body)["profileImgUri"],
        format!("{base}{image_path}")
    );

    let file = service
        .dir_path()
        .join("data")
        .join(image_path.trim_start_matches('/'));
    #[cfg(unix)]
    {
        let mode = |p: &std::path::Path| account_private_files::mode(p).expect("mode");
        assert_eq!(mode(&file), 0o600, "{}", file.display());
        assert_eq!(mode(file.parent().expect("dir")), 0o700);
    }

    let (status, _, _) = exchange(
        port,
        "DELETE",
        &format!("/account/{id}/profile/imag"),
        &auth,
        b"",
    );
    assert_eq!(status, 204);
    assert!(!file.exists());
    let (status, _, _) = exchange(port, "GET", image_path, &[], b"");
    assert_eq!(status, 404);
}
