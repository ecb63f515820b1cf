use account_domain::accounts::AccountId;
use account_domain::auth::SessionId;
use account_domain::policies::{ConsentKind, ConsentRecord, Policy};
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::{authed, instant, json, lux_error, root_user, signed_in};
use crate::support::fixtures::{ACCOUNT_ID, PEER_IP, SESSION_ID, now};
use crate::support::{send, start};

const URI: &str = "/api/v1/lux/user/policy";
const HISTORY: &str = "/api/v1/lux/user/policy/history";
const AGREED_AT: &str = "2024-10-28T07:47:53.563Z";

#[actix_web::test]
async fn an_update_answers_the_documented_example() {
    let mut mocks = signed_in(root_user());
    mocks
        .tx
        .expect_lock_policy()
        .withf(|account, at| *account == ACCOUNT_ID && *at == now())
        .times(1)
        .returning(|account, _| {
            Ok(Some(Policy {
                account_id: account,
                is_push_agree: true,
                push_agree_date: Some(instant(AGREED_AT)),
                is_marketing_agree: true,
                marketing_agree_date: Some(instant(AGREED_AT)),
            }))
        });
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(
            Method::PATCH,
            URI,
            json!({"is_push_agree": true, "is_marketing_agree": true}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({
            "is_push_agree": true,
            "is_marketing_agree": true,
            "push_agree_date": "2024-10-28T07:47:53.563Z",
            "marketing_agree_date": "2024-10-28T07:47:53.563Z"
        })
    );
}

#[actix_web::test]
async fn a_change_is_recorded_with_the_callers_session_ip_and_time() {
    let mut mocks = signed_in(root_user());
    mocks
        .tx
        .expect_lock_policy()
        .returning(|account, _| Ok(Some(Policy::default_for(account))));
    mocks
        .tx
        .expect_save_policy()
        .times(1)
        .returning(|_, _| Ok(()));
    mocks
        .tx
        .expect_record_consent()
        .withf(|account, change, origin| {
            *account == ACCOUNT_ID
                && change.agreed
                && origin.session_id == Some(SESSION_ID)
                && origin.ip.as_deref() == Some(PEER_IP)
                && origin.at == now()
        })
        .times(2)
        .returning(|_, _, _| Ok(()));
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(
            Method::PATCH,
            URI,
            json!({"is_push_agree": true, "is_marketing_agree": true}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json["is_push_agree"], true);
}

#[actix_web::test]
async fn a_consent_that_is_off_has_a_null_date() {
    let mut mocks = signed_in(root_user());
    mocks
        .tx
        .expect_lock_policy()
        .returning(|account, _| Ok(Some(Policy::default_for(account))));
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(Method::PATCH, URI, json!({"is_push_agree": false})),
    )
    .await;

    assert_eq!(
        reply.json,
        json!({
            "is_push_agree": false,
            "is_marketing_agree": false,
            "push_agree_date": null,
            "marketing_agree_date": null
        })
    );
}

#[actix_web::test]
async fn a_vanished_account_is_404_user_not_found() {
    let mut mocks = signed_in(root_user());
    mocks.tx.expect_lock_policy().returning(|_, _| Ok(None));
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(Method::PATCH, URI, json!({"is_push_agree": true})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json, lux_error("User not found"));
}

#[actix_web::test]
async fn a_consent_that_is_not_a_boolean_is_400() {
    let app = start(signed_in(root_user())).await;

    let reply = send(
        &app,
        json(Method::PATCH, URI, json!({"is_push_agree": "yes"})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        lux_error(
            "Invalid value for is_push_agree: invalid type: string \"yes\", expected a boolean"
        )
    );
}

fn record(id: i64, kind: ConsentKind, agreed: bool) -> ConsentRecord {
    ConsentRecord {
        id,
        account_id: AccountId(1),
        kind,
        agreed,
        session_id: Some(SessionId(10)),
        ip: Some(PEER_IP.into()),
        recorded_at: instant(AGREED_AT),
    }
}

#[actix_web::test]
async fn the_history_lists_the_callers_changes_oldest_first() {
    let mut mocks = signed_in(root_user());
    mocks
        .policies
        .expect_history()
        .withf(|account| *account == ACCOUNT_ID)
        .times(1)
        .returning(|_| {
            Ok(vec![
                record(1, ConsentKind::Push, true),
                record(2, ConsentKind::Marketing, false),
            ])
        });
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, HISTORY)).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!([
            {"id": 1, "policy_type": "push", "is_agree": true, "session_id": 10, "ip": PEER_IP, "created_at": AGREED_AT},
            {"id": 2, "policy_type": "marketing", "is_agree": false, "session_id": 10, "ip": PEER_IP, "created_at": AGREED_AT}
        ])
    );
}
