//! The callers the table-driven tests act as: a signed-up account (optionally an ADMIN) with
//! its bearer token, and an SG-Finder user with its session headers.

use account_domain::accounts::RoleService;
use account_domain::clock::SystemClock;
use account_domain::values::{Email, Role, Roles};
use actix_http::Request;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::helpers::{TestApp, post_json, send};

pub const PASSWORD: &str = "correct horse battery";

/// A signed-up, logged-in account: its id and access token.
pub struct Caller {
    pub id: i64,
    pub token: String,
}

/// Signs `email` up and logs it in.
pub async fn signed_up<S, B>(app: &S, email: &str) -> Caller
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let body = json!({"email": email, "password": PASSWORD, "name": "Table Kim"});
    let created = posted(app, "/auth/accounts/register", body, StatusCode::CREATED).await;
    Caller {
        id: created["id"].as_i64().expect("an id"),
        token: logged_in(app, email).await,
    }
}

/// A new access token of `email`.
pub async fn logged_in<S, B>(app: &S, email: &str) -> String
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let body = json!({"email": email, "password": PASSWORD});
    let tokens = posted(app, "/auth/accounts/login", body, StatusCode::OK).await;
    tokens["accessToken"]
        .as_str()
        .expect("an access token")
        .to_owned()
}

/// Signs `email` up as an ADMIN (and USER), as the operator's `set-roles` does, and logs it in.
pub async fn admin<S, B>(test_app: &TestApp, app: &S, email: &str) -> Caller
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let caller = signed_up(app, email).await;
    make_admin(test_app, email).await;
    Caller {
        token: logged_in(app, email).await,
        ..caller
    }
}

/// Gives the account of `email` the roles ADMIN and USER, as the operator's `set-roles` does.
pub async fn make_admin(test_app: &TestApp, email: &str) {
    let repos = test_app.repositories();
    RoleService::new(
        repos.accounts.clone(),
        repos.unit_of_work.clone(),
        std::sync::Arc::new(SystemClock),
    )
    .set_roles(
        &Email::parse(email).expect("email"),
        Roles::new([Role::Admin, Role::User]),
    )
    .await
    .expect("ADMIN");
}

/// Withdraws the caller's account as a Lux parent does (`DELETE /api/v1/lux/user/root-user`);
/// its token stays signed but names a deleted account.
pub async fn withdrawn<S, B>(app: &S, caller: &Caller)
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let request = TestRequest::delete().uri("/api/v1/lux/user/root-user");
    let reply = send(app, crate::helpers::with_bearer(request, &caller.token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

/// An SG-Finder user signed up (its address `sg-<userId>@example.com`) and signed in: its
/// `userId` and session token.
pub async fn sg_finder_user<S, B>(app: &S, user_id: &str) -> (String, String)
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let body = json!({"userId": user_id, "passwd": PASSWORD, "userName": "Table Han",
                      "email": format!("sg-{user_id}@example.com"), "birth": "1994-05-20",
                      "introduce": "table"});
    posted(app, "/user/signup", body, StatusCode::OK).await;
    (user_id.to_owned(), sg_finder_session(app, user_id).await)
}

/// A new SG-Finder session token of `user_id`.
pub async fn sg_finder_session<S, B>(app: &S, user_id: &str) -> String
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let body = json!({"userId": user_id, "passwd": PASSWORD});
    let signed_in = posted(app, "/user/signin", body, StatusCode::OK).await;
    let token = signed_in["session-token"].as_str().expect("a token");
    token.to_owned()
}

/// The body of the answer to `body` POSTed to `path`, after asserting its status.
async fn posted<S, B>(app: &S, path: &str, body: Value, status: StatusCode) -> Value
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let reply = send(app, post_json(path, body)).await;
    assert_eq!(reply.status, status, "{path}: {}", reply.body);
    reply.body
}

/// `request` with SG-Finder's session headers.
pub fn with_session(request: TestRequest, user: &(String, String)) -> TestRequest {
    request
        .insert_header(("session-token", user.1.clone()))
        .insert_header(("userId", user.0.clone()))
}

/// `request` with every credential a seed may ask for: the bearer token and SG-Finder's
/// session headers.
pub fn with_credentials(
    request: TestRequest,
    caller: &Caller,
    sg_finder: &(String, String),
) -> TestRequest {
    let request = request.insert_header(("Authorization", format!("Bearer {}", caller.token)));
    with_session(request, sg_finder)
}
