use account_domain::policies::Policy;
use account_domain::push::PushToken;
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::{json, lux_error, root_user, signed_in};
use crate::support::fixtures::{ACCOUNT_ID, SESSION_ID, now};
use crate::support::{Mocks, send, start};

const URI: &str = "/api/v1/lux/user/push/set-token";
const TOKEN: &str = "dQw4w9WgXcQ:APA91bHx_-9";

fn with_push_consent(agreed: Option<bool>) -> Mocks {
    let mut mocks = signed_in(root_user());
    mocks
        .policies
        .expect_find()
        .withf(|account| *account == ACCOUNT_ID)
        .returning(move |account| {
            Ok(agreed.map(|agreed| Policy {
                is_push_agree: agreed,
                ..Policy::default_for(account)
            }))
        });
    mocks
}

#[actix_web::test]
async fn a_token_is_stored_for_the_session_and_answered_with_a_json_string() {
    let mut mocks = with_push_consent(Some(true));
    mocks
        .push_tokens
        .expect_register()
        .withf(|account, session, token, at| {
            *account == ACCOUNT_ID
                && *session == SESSION_ID
                && token.as_str() == TOKEN
                && *at == now()
        })
        .times(1)
        .returning(|account, session, token, at| {
            Ok(PushToken {
                account_id: account,
                session_id: session,
                token: token.clone(),
                registered_at: at,
            })
        });
    let app = start(mocks).await;

    let reply = send(&app, json(Method::POST, URI, json!({"token": TOKEN}))).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.json, json!("User push token updated"));
}

#[actix_web::test]
async fn without_push_consent_it_is_400_push_permisson_denied() {
    for agreed in [None, Some(false)] {
        let mut mocks = with_push_consent(agreed);
        mocks.push_tokens.expect_register().never();
        let app = start(mocks).await;

        let reply = send(&app, json(Method::POST, URI, json!({"token": TOKEN}))).await;

        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{agreed:?}");
        assert_eq!(reply.json, lux_error("Push permisson denied"));
    }
}

#[actix_web::test]
async fn a_malformed_token_is_409_user_push_token_update_failed() {
    let mut mocks = signed_in(root_user());
    mocks.push_tokens.expect_register().never();
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(Method::POST, URI, json!({"token": "not a token"})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json, lux_error("User push token update failed"));
}

#[actix_web::test]
async fn a_missing_token_is_400() {
    let app = start(signed_in(root_user())).await;

    let reply = send(&app, json(Method::POST, URI, json!({}))).await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json, lux_error("Token is required"));
}
