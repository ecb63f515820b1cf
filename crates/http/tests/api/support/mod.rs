//! The test application: real services over mocked ports, served by `actix_web::test`.

pub mod fixtures;
mod mocks;

use account_http::HttpSettings;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::test::{self, TestRequest};
use actix_web::{App, Error};
pub use mocks::Mocks;
use serde_json::Value;

use fixtures::{ACCESS_TOKEN, PEER_IP};

/// What the service answered.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    /// The body as JSON; `Null` when it is not JSON.
    pub json: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub async fn start(
    mocks: Mocks,
) -> impl Service<actix_http::Request, Response = ServiceResponse<impl MessageBody>, Error = Error>
{
    start_with(mocks, HttpSettings::default()).await
}

pub async fn start_with(
    mocks: Mocks,
    settings: HttpSettings,
) -> impl Service<actix_http::Request, Response = ServiceResponse<impl MessageBody>, Error = Error>
{
    let state = mocks.into_state();
    test::init_service(App::new().configure(|cfg| account_http::configure(cfg, state, settings)))
        .await
}

pub async fn send<S, B>(app: &S, request: TestRequest) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    let response = test::call_service(app, request.to_request()).await;
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = test::read_body(response).await;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        text,
        json,
    }
}

/// A request from the usual client address and user agent.
pub fn request(method: actix_web::http::Method, uri: &str) -> TestRequest {
    TestRequest::default()
        .method(method)
        .uri(uri)
        .peer_addr(format!("{PEER_IP}:50000").parse().unwrap())
        .insert_header(("User-Agent", "TestAgent/1.0"))
}

pub fn get(uri: &str) -> TestRequest {
    request(actix_web::http::Method::GET, uri)
}

pub fn post(uri: &str) -> TestRequest {
    request(actix_web::http::Method::POST, uri)
}

pub fn delete(uri: &str) -> TestRequest {
    request(actix_web::http::Method::DELETE, uri)
}

pub fn post_json(uri: &str, body: Value) -> TestRequest {
    post(uri).set_json(body)
}

pub fn with_token(request: TestRequest) -> TestRequest {
    request.insert_header(("Authorization", format!("Bearer {ACCESS_TOKEN}")))
}

/// The account-management error body.
pub fn am_error(status: u16, _id: &str, message: &str) -> Value {
    serde_json::json!({
        "status": status, "code": u32::from(status) * 100, "message": message, "detail": ""
    })
}

/// The account-management shape of routes no seed covers: plus the stable error id.
pub fn generic_error(status: u16, id: &str, message: &str) -> Value {
    let mut body = am_error(status, id, message);
    body["error"] = serde_json::json!(id);
    body
}

/// The account-management error body of the document's own routes (`/auth/accounts/...`):
/// exactly its four keys. The id stays in the signature to say which error is meant.
///
/// The account-management error body with `invalidFields`.
pub fn am_field_error(status: u16, id: &str, message: &str, fields: &[&str]) -> Value {
    let mut body = am_error(status, id, message);
    body["invalidFields"] = serde_json::json!(fields);
    body
}

/// [`generic_error`] with `invalidFields`.
pub fn generic_field_error(status: u16, id: &str, message: &str, fields: &[&str]) -> Value {
    let mut body = generic_error(status, id, message);
    body["invalidFields"] = serde_json::json!(fields);
    body
}
