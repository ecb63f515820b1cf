//! The SG-Finder document on the wired service, both stores: every route and every answer the
//! document gives, in its shapes; the session token checked against the `userId` header; the
//! header session counted, ended and timed out like any session.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::helpers::{Backend, Reply, TestApp, http, post_json, send, with_bearer};

const PASSWORD: &str = "correct horse battery";

fn sign_up_body(user_id: &str, email: &str) -> Value {
    json!({"userId": user_id, "passwd": PASSWORD, "userName": "한태웅", "email": email,
           "birth": "1994-05-20", "introduce": "안녕 나는 코딩하는 오징어야"})
}

fn sg_error(status: u16, message: &str) -> Value {
    json!({"code": status, "message": message})
}

fn with_session(request: TestRequest, token: &str, user_id: &str) -> TestRequest {
    request
        .insert_header(("session-token", token))
        .insert_header(("userId", user_id))
}

fn token_of(reply: &Reply) -> String {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let object = reply.body.as_object().expect("an object");
    assert_eq!(object.len(), 1, "only the token: {}", reply.body);
    let token = reply.body["session-token"].as_str().expect("a token");
    assert!(token.len() >= 32, "an unguessable token");
    token.to_owned()
}

async fn every_route_answers_as_the_document_says(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let call = |request: TestRequest| send(&app, request);

    // Sign-up: the user as given back; the document's own failures.
    let signed_up = call(post_json(
        "/user/signup",
        sign_up_body("gksxodnd", "han@example.com"),
    ))
    .await;
    assert_eq!(signed_up.status, StatusCode::OK, "{}", signed_up.body);
    assert_eq!(
        signed_up.body,
        json!({"userId": "gksxodnd", "userName": "한태웅", "email": "han@example.com",
               "birth": "1994-05-20", "introduce": "안녕 나는 코딩하는 오징어야"})
    );
    let taken = call(post_json(
        "/user/signup",
        sign_up_body("GKSXODND", "other@example.com"),
    ))
    .await;
    assert_eq!(
        (taken.status, &taken.body),
        (StatusCode::CONFLICT, &sg_error(409, "duplicated"))
    );
    let mut missing = sign_up_body("newone", "new@example.com");
    missing.as_object_mut().map(|o| o.remove("birth"));
    let mut weak = sign_up_body("newone", "new@example.com");
    weak["passwd"] = json!("dkgh12");
    let mut long_name = sign_up_body("newone", "new@example.com");
    long_name["userName"] = json!("가".repeat(14));
    let mut long_intro = sign_up_body("newone", "new@example.com");
    long_intro["introduce"] = json!("a".repeat(129));
    for bad in [
        missing,
        weak,
        long_name,
        long_intro,
        sign_up_body("signup", "new@example.com"),
        sign_up_body("newone", "not-an-email"),
        json!([1, 2]),
    ] {
        let refused = call(post_json("/user/signup", bad.clone())).await;
        assert_eq!(
            (refused.status, &refused.body),
            (StatusCode::BAD_REQUEST, &sg_error(400, "bad request")),
            "{bad}"
        );
    }
    let malformed = call(
        TestRequest::post()
            .uri("/user/signup")
            .insert_header(("Content-Type", "application/json"))
            .set_payload("{not json"),
    )
    .await;
    assert_eq!(malformed.body, sg_error(400, "bad request"));

    // checkDup.
    let dup = call(TestRequest::get().uri("/user/checkDup/GksXodnd")).await;
    assert_eq!(
        (dup.status, &dup.body),
        (StatusCode::OK, &json!({"isDup": true}))
    );
    let free = call(TestRequest::get().uri("/user/checkDup/someone")).await;
    assert_eq!(free.body, json!({"isDup": false}));
    let impossible = call(TestRequest::get().uri("/user/checkDup/a%20b")).await;
    assert_eq!(impossible.body, sg_error(400, "bad request"));

    // Sign-in.
    for (user_id, passwd) in [("gksxodnd", "wrong password"), ("nobody", PASSWORD)] {
        let refused = call(post_json(
            "/user/signin",
            json!({"userId": user_id, "passwd": passwd}),
        ))
        .await;
        assert_eq!(
            (refused.status, &refused.body),
            (StatusCode::UNAUTHORIZED, &sg_error(401, "unauthorized"))
        );
    }
    let missing = call(post_json("/user/signin", json!({"userId": "gksxodnd"}))).await;
    assert_eq!(missing.body, sg_error(400, "bad request"));
    let token = token_of(
        &call(post_json(
            "/user/signin",
            json!({"userId": "gksxodnd", "passwd": PASSWORD}),
        ))
        .await,
    );

    // The user, before a player is registered: nickname "0".
    let me = "/user/gksxodnd";
    let read = call(with_session(TestRequest::get().uri(me), &token, "gksxodnd")).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert_eq!(
        read.body,
        json!({"userId": "gksxodnd", "userName": "한태웅", "nickname": "0",
               "email": "han@example.com", "birth": "1994-05-20",
               "introduce": "안녕 나는 코딩하는 오징어야"})
    );
    for unauthenticated in [
        TestRequest::get().uri(me),
        TestRequest::get()
            .uri(me)
            .insert_header(("session-token", token.as_str())),
        with_session(TestRequest::get().uri(me), "not-a-token", "gksxodnd"),
    ] {
        let refused = call(unauthenticated).await;
        assert_eq!(
            (refused.status, &refused.body),
            (StatusCode::UNAUTHORIZED, &sg_error(401, "unauthorized"))
        );
    }

    // The game player, exactly as the example; a nickname is taken whatever its case.
    let registered = call(with_session(
        post_json("/user/register/game", json!({"nickname": "zookeeper1"})),
        &token,
        "gksxodnd",
    ))
    .await;
    assert_eq!(registered.status, StatusCode::OK, "{}", registered.body);
    assert_eq!(
        registered.body,
        json!({"nickname": "zookeeper1", "tier": "BRONZE", "score": 0,
               "history": {"win": 0, "lose": 0, "oneShot": 0, "finder": 0, "lastWeekRank": 0},
               "weapon": [{"name": "hand", "damage": 0, "price": 0, "usableCount": 2147483647}],
               "point": 0})
    );
    let again = call(with_session(
        post_json("/user/register/game", json!({"nickname": "another"})),
        &token,
        "gksxodnd",
    ))
    .await;
    assert_eq!(again.body, sg_error(409, "duplicated"));
    let read = call(with_session(TestRequest::get().uri(me), &token, "gksxodnd")).await;
    assert_eq!(read.body["nickname"], "zookeeper1");

    let other = call(post_json(
        "/user/signup",
        sign_up_body("second", "second@example.com"),
    ))
    .await;
    assert_eq!(other.status, StatusCode::OK);
    let other_token = token_of(
        &call(post_json(
            "/user/signin",
            json!({"userId": "second", "passwd": PASSWORD}),
        ))
        .await,
    );
    let same_nickname = call(
        post_json("/user/register/game", json!({"nickname": "ZooKeeper1"}))
            .insert_header(("session-token", other_token.as_str())),
    )
    .await;
    assert_eq!(
        (same_nickname.status, &same_nickname.body),
        (StatusCode::CONFLICT, &sg_error(409, "duplicated"))
    );
    let too_long = call(
        post_json("/user/register/game", json!({"nickname": "n".repeat(51)}))
            .insert_header(("session-token", other_token.as_str())),
    )
    .await;
    assert_eq!(too_long.body, sg_error(400, "bad request"));
    let no_token = call(post_json("/user/register/game", json!({"nickname": "x"}))).await;
    assert_eq!(no_token.body, sg_error(401, "unauthorized"));

    // Another user's account, with one's own session: refused.
    let theirs = call(with_session(
        TestRequest::get().uri("/user/second"),
        &token,
        "gksxodnd",
    ))
    .await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    assert_eq!(theirs.body, sg_error(403, "forbidden"));

    // PUT: the profile replaced, the password unchanged.
    let put_body = |email: &str, passwd: &str| {
        json!({"userName": "Han T", "passwd": passwd, "email": email,
               "birth": "1995-06-21", "introduce": "바뀐 소개"})
    };
    let replaced = call(with_session(
        TestRequest::put()
            .uri(me)
            .set_json(put_body("han@example.com", PASSWORD)),
        &token,
        "gksxodnd",
    ))
    .await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.body);
    assert_eq!(
        replaced.body,
        json!({"userId": "gksxodnd", "userName": "Han T", "email": "han@example.com",
               "birth": "1995-06-21", "introduce": "바뀐 소개"})
    );
    let mut incomplete = put_body("han@example.com", PASSWORD);
    incomplete.as_object_mut().map(|o| o.remove("userName"));
    let refused = call(with_session(
        TestRequest::put().uri(me).set_json(incomplete),
        &token,
        "gksxodnd",
    ))
    .await;
    assert_eq!(refused.body, sg_error(400, "bad request"));
    let taken_email = call(with_session(
        TestRequest::put()
            .uri(me)
            .set_json(put_body("second@example.com", PASSWORD)),
        &token,
        "gksxodnd",
    ))
    .await;
    assert_eq!(taken_email.body, sg_error(409, "duplicated"));

    // Sign-out ends the token; DELETE deletes (softly) and sign-in stops.
    let signed_out = call(with_session(
        TestRequest::get().uri("/user/signout"),
        &other_token,
        "second",
    ))
    .await;
    assert_eq!(
        (signed_out.status, &signed_out.body),
        (StatusCode::OK, &json!({"expired-token": true}))
    );
    let ended = call(with_session(
        TestRequest::get().uri("/user/second"),
        &other_token,
        "second",
    ))
    .await;
    assert_eq!(ended.body, sg_error(401, "unauthorized"));

    let deleted = call(with_session(
        TestRequest::delete().uri(me),
        &token,
        "gksxodnd",
    ))
    .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    let after = call(with_session(TestRequest::get().uri(me), &token, "gksxodnd")).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    let no_sign_in = call(post_json(
        "/user/signin",
        json!({"userId": "gksxodnd", "passwd": PASSWORD}),
    ))
    .await;
    assert_eq!(no_sign_in.body, sg_error(401, "unauthorized"));

    // Unknown paths under /user answer in the document's shape too.
    let unknown = call(TestRequest::get().uri("/user/register/nothing")).await;
    assert_eq!(unknown.body, sg_error(404, "not found"));
}

async fn a_session_token_used_with_another_users_id_is_refused(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    for (user, email) in [
        ("alice1", "alice@example.com"),
        ("bobby1", "bob@example.com"),
    ] {
        let created = send(&app, post_json("/user/signup", sign_up_body(user, email))).await;
        assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    }
    let alice = token_of(
        &send(
            &app,
            post_json(
                "/user/signin",
                json!({"userId": "alice1", "passwd": PASSWORD}),
            ),
        )
        .await,
    );
    for (path, request) in [
        ("/user/bobby1", TestRequest::get()),
        ("/user/alice1", TestRequest::get()),
        ("/user/bobby1", TestRequest::delete()),
        ("/user/signout", TestRequest::get()),
    ] {
        let refused = send(&app, with_session(request.uri(path), &alice, "bobby1")).await;
        assert_eq!(
            (refused.status, &refused.body),
            (StatusCode::UNAUTHORIZED, &sg_error(401, "unauthorized")),
            "{path}"
        );
    }
    let still = send(
        &app,
        with_session(TestRequest::get().uri("/user/alice1"), &alice, "ALICE1"),
    )
    .await;
    assert_eq!(
        still.status,
        StatusCode::OK,
        "the token was not ended by the refusals"
    );
    let bob_login = send(
        &app,
        post_json(
            "/user/signin",
            json!({"userId": "bobby1", "passwd": PASSWORD}),
        ),
    )
    .await;
    assert_eq!(
        bob_login.status,
        StatusCode::OK,
        "bob's account is untouched"
    );
}

async fn header_sessions_are_sessions_like_any_other(backend: Backend) {
    let test_app = TestApp::with_config(backend, |config| config.session_token_idle_secs = 2).await;
    let app = http(&test_app.services, &test_app.config).await;
    let created = send(
        &app,
        post_json("/user/signup", sign_up_body("carol1", "carol@example.com")),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK);
    let sign_in = || {
        send(
            &app,
            post_json(
                "/user/signin",
                json!({"userId": "carol1", "passwd": PASSWORD}),
            ),
        )
    };
    let first = token_of(&sign_in().await);
    let second = token_of(&sign_in().await);

    // Listed with the account's sessions (a bearer log-in of the same account).
    let tokens = send(
        &app,
        post_json(
            "/auth/accounts/login",
            json!({"email": "carol@example.com", "password": PASSWORD}),
        ),
    )
    .await;
    let access = tokens.body["accessToken"]
        .as_str()
        .expect("access token")
        .to_owned();
    let sessions = send(
        &app,
        with_bearer(TestRequest::get().uri("/auth/accounts/sessions"), &access),
    )
    .await;
    assert_eq!(sessions.status, StatusCode::OK, "{}", sessions.body);
    let listed = sessions.body.as_array().map(Vec::len).unwrap_or_else(|| {
        sessions.body["sessions"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0)
    });
    assert_eq!(
        listed, 3,
        "two header sessions and the bearer one: {}",
        sessions.body
    );

    // A new password through PUT ends the other sessions, the caller's own stays.
    let changed = send(
        &app,
        with_session(
            TestRequest::put().uri("/user/carol1").set_json(json!({
                "userName": "Carol", "passwd": "a brand new passphrase",
                "email": "carol.new@example.com", "birth": "1990-01-01", "introduce": ""})),
            &first,
            "carol1",
        ),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let mine = send(
        &app,
        with_session(TestRequest::get().uri("/user/carol1"), &first, "carol1"),
    )
    .await;
    assert_eq!(mine.status, StatusCode::OK);
    let other = send(
        &app,
        with_session(TestRequest::get().uri("/user/carol1"), &second, "carol1"),
    )
    .await;
    assert_eq!(
        other.status,
        StatusCode::UNAUTHORIZED,
        "the other session ended"
    );
    let bearer = send(
        &app,
        with_bearer(TestRequest::get().uri("/auth/accounts/profile"), &access),
    )
    .await;
    assert_eq!(
        bearer.status,
        StatusCode::UNAUTHORIZED,
        "and the bearer one"
    );

    // The new email is unverified and a code went to it.
    let account = test_app
        .repositories()
        .accounts
        .find_by_login_id(&account_domain::values::LoginId::parse("carol1").expect("id"))
        .await
        .expect("read")
        .expect("the account");
    assert_eq!(account.email.as_str(), "carol.new@example.com");
    assert!(!account.email_verified);
    let code = test_app.emailed_code("carol.new@example.com").await;
    assert_eq!(code.len(), 6);

    // Idle past the timeout: the session ends.
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    let idle = send(
        &app,
        with_session(TestRequest::get().uri("/user/carol1"), &first, "carol1"),
    )
    .await;
    assert_eq!(
        idle.status,
        StatusCode::UNAUTHORIZED,
        "idle past the timeout"
    );
}

async fn check_dup_is_throttled_per_ip(backend: Backend) {
    let test_app = TestApp::new(backend).await;
    let app = http(&test_app.services, &test_app.config).await;
    let mut last = None;
    for n in 0..31 {
        last = Some(
            send(
                &app,
                TestRequest::get().uri(&format!("/user/checkDup/probe{n:03}")),
            )
            .await,
        );
    }
    let last = last.expect("31 checks");
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(last.body, sg_error(429, "too many requests"));
    assert!(last.headers.get("retry-after").is_some());
}

crate::on_both_stores!(
    every_route_answers_as_the_document_says,
    a_session_token_used_with_another_users_id_is_refused,
    header_sessions_are_sessions_like_any_other,
    check_dup_is_throttled_per_ip,
);

/// One client of the SG-Finder document, from sign-up to deletion, against the real binary on
/// its embedded default store: what the document's examples show, in order.
#[test]
fn the_documents_journey_on_the_real_binary() {
    use crate::helpers::LoggedService;
    use crate::http_client::{RawReply, request, request_with};

    let service = LoggedService::start(|_| {});
    let port = service.port;
    let json_of = |reply: &RawReply| -> Value {
        serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("JSON: {}", reply.body))
    };
    let call = |method: &str, path: &str, body: Option<Value>, session: Option<&str>| {
        let body = body.map(|b| b.to_string());
        let headers: Vec<(&str, &str)> = session
            .map(|token| vec![("session-token", token), ("userId", "gksxodnd")])
            .unwrap_or_default();
        request_with(port, method, path, body.as_deref(), &headers).expect("the service answers")
    };

    let signed_up = call(
        "POST",
        "/user/signup",
        Some(sign_up_body("gksxodnd", "han@example.com")),
        None,
    );
    assert_eq!(signed_up.status, 200, "{}", signed_up.body);
    let taken = call("GET", "/user/checkDup/gksxodnd", None, None);
    assert_eq!(
        (taken.status, json_of(&taken)),
        (200, json!({"isDup": true}))
    );
    let free = call("GET", "/user/checkDup/someone_else", None, None);
    assert_eq!(json_of(&free), json!({"isDup": false}));

    let credentials = json!({"userId": "gksxodnd", "passwd": PASSWORD});
    let signed_in = call("POST", "/user/signin", Some(credentials.clone()), None);
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    let token = json_of(&signed_in)["session-token"]
        .as_str()
        .expect("a session token")
        .to_owned();

    let before_game = call("GET", "/user/gksxodnd", None, Some(&token));
    assert_eq!(before_game.status, 200, "{}", before_game.body);
    assert_eq!(json_of(&before_game)["nickname"], "0", "no player yet");

    let game = call(
        "POST",
        "/user/register/game",
        Some(json!({"nickname": "Zookeeper"})),
        Some(&token),
    );
    assert_eq!(game.status, 200, "{}", game.body);
    let player = json_of(&game);
    assert_eq!(
        (&player["nickname"], &player["tier"], &player["score"]),
        (&json!("Zookeeper"), &json!("BRONZE"), &json!(0))
    );
    assert_eq!(player["weapon"][0]["name"], "hand");
    assert_eq!(player["weapon"][0]["usableCount"], 2147483647);

    // A new address is unverified until the code sent to it is given back.
    let changed = call(
        "PUT",
        "/user/gksxodnd",
        Some(
            json!({"userName": "한태웅", "passwd": PASSWORD, "email": "han.new@example.com",
                    "birth": "1994-05-20", "introduce": "바뀐 소개"}),
        ),
        Some(&token),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    let code = service.delivered("han.new@example.com", "email_verification")["params"]["code"]
        .as_str()
        .expect("a code")
        .to_owned();
    let verified = request(
        port,
        "POST",
        "/auth/accounts/email/verify",
        Some(&json!({"email": "han.new@example.com", "code": code}).to_string()),
    )
    .expect("the service answers");
    assert_eq!(verified.status, 200, "{}", verified.body);
    let after_game = call("GET", "/user/gksxodnd", None, Some(&token));
    assert_eq!(json_of(&after_game)["nickname"], "Zookeeper");
    assert_eq!(json_of(&after_game)["email"], "han.new@example.com");

    let signed_out = call("GET", "/user/signout", None, Some(&token));
    assert_eq!(
        (signed_out.status, json_of(&signed_out)),
        (200, json!({"expired-token": true}))
    );
    let after_signout = call("GET", "/user/gksxodnd", None, Some(&token));
    assert_eq!(
        (after_signout.status, json_of(&after_signout)),
        (401, sg_error(401, "unauthorized"))
    );

    let again = call("POST", "/user/signin", Some(credentials.clone()), None);
    let token = json_of(&again)["session-token"]
        .as_str()
        .expect("a session token")
        .to_owned();
    let deleted = call("DELETE", "/user/gksxodnd", None, Some(&token));
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    let gone = call("POST", "/user/signin", Some(credentials), None);
    assert_eq!(gone.status, 401, "{}", gone.body);
}
