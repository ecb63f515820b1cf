use account_domain::auth::{SessionEnding, SessionId};
use actix_web::http::StatusCode;
use serde_json::json;

use crate::support::fixtures::{ACCOUNT_ID, SESSION_ID, session};
use crate::support::{Mocks, am_error, am_field_error, delete, get, send, start, with_token};

#[actix_web::test]
async fn lists_active_sessions_marking_the_current_one() {
    let mut mocks = Mocks::new().authenticated();
    mocks
        .sessions
        .expect_list_active()
        .withf(|account, _| *account == ACCOUNT_ID)
        .returning(|_, _| Ok(vec![session(SessionId(11)), session(SESSION_ID)]));
    let app = start(mocks).await;

    let reply = send(&app, with_token(get("/auth/accounts/sessions"))).await;

    assert_eq!(reply.status, StatusCode::OK);
    let entry = |id: i64, current: bool| {
        json!({
            "id": id, "userAgent": "TestAgent/1.0", "ip": "203.0.113.5",
            "createdAt": "2026-11-23T08:00:00Z", "lastUsedAt": "2026-11-23T09:00:00Z",
            "expiresAt": "2027-02-20T10:00:00Z", "current": current
        })
    };
    assert_eq!(reply.json, json!([entry(11, false), entry(10, true)]));
}

#[actix_web::test]
async fn ends_one_session() {
    let mut mocks = Mocks::new().authenticated();
    mocks
        .tx
        .expect_revoke_sessions()
        .withf(|account, ending, _| {
            *account == ACCOUNT_ID && *ending == SessionEnding::One(SessionId(11))
        })
        .times(1)
        .returning(|_, _, _| Ok(1));
    mocks
        .tx
        .expect_delete_push_tokens()
        .times(1)
        .returning(|_, _| Ok(0));
    let app = start(mocks).await;

    let reply = send(&app, with_token(delete("/auth/accounts/sessions/11"))).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json, json!({"success": true}));
}

#[actix_web::test]
async fn a_session_that_is_not_the_callers_is_404() {
    let mut mocks = Mocks::new().authenticated();
    mocks.tx.expect_revoke_sessions().returning(|_, _, _| Ok(0));
    let app = start(mocks).await;

    let reply = send(&app, with_token(delete("/auth/accounts/sessions/99"))).await;

    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(
        reply.json,
        am_error(404, "session_not_found", "Session not found")
    );
}

#[actix_web::test]
async fn a_session_id_that_is_not_a_number_is_400() {
    let app = start(Mocks::new().authenticated()).await;

    let reply = send(&app, with_token(delete("/auth/accounts/sessions/abc"))).await;

    assert_eq!(
        reply.json,
        am_field_error(
            400,
            "invalid_request",
            "Session id must be an integer",
            &["id"]
        )
    );
}

#[actix_web::test]
async fn ends_every_other_session() {
    let mut mocks = Mocks::new().authenticated();
    mocks
        .tx
        .expect_revoke_sessions()
        .withf(|account, ending, _| {
            *account == ACCOUNT_ID && *ending == SessionEnding::AllBut(Some(SESSION_ID))
        })
        .times(1)
        .returning(|_, _, _| Ok(3));
    mocks
        .tx
        .expect_delete_push_tokens()
        .times(1)
        .returning(|_, _| Ok(0));
    let app = start(mocks).await;

    let reply = send(&app, with_token(delete("/auth/accounts/sessions"))).await;

    assert_eq!(reply.json, json!({"success": true, "revoked": 3}));
}

#[actix_web::test]
async fn sessions_need_a_token() {
    let app = start(Mocks::new()).await;

    for request in [
        get("/auth/accounts/sessions"),
        delete("/auth/accounts/sessions"),
        delete("/auth/accounts/sessions/1"),
    ] {
        let reply = send(&app, request).await;
        assert_eq!(reply.json, am_error(401, "unauthorized", "Unauthorized"));
    }
}
