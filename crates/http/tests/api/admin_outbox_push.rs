//! `/admin/outbox` (ADMIN) and `POST /admin/push` (SERVER, ADMIN), in the account-management
//! error shape: who may, what reaches the use cases, how answers and refusals look.

use account_domain::accounts::{Account, AccountId};
use account_domain::auth::SessionId;
use account_domain::delivery::TemplateId;
use account_domain::outbox::{Channel, ChannelDepth, DeadMessage};
use account_domain::policies::Policy;
use account_domain::push::PushToken;
use account_domain::values::{FcmToken, Role, Roles};
use actix_web::http::{Method, StatusCode};
use mockall::predicate::eq;
use serde_json::json;

use crate::lux::{authed, json, root_user, signed_in, with_roles};
use crate::support::fixtures::now;
use crate::support::{Mocks, generic_error, send, start};

fn signed_in_as(roles: &[Role]) -> Mocks {
    signed_in(with_roles(root_user(), Roles::new(roles.iter().copied())))
}

fn dead_message() -> DeadMessage {
    DeadMessage {
        id: 17,
        channel: Channel::Sms,
        template: TemplateId::PhoneCode,
        attempts: 8,
        last_error: Some("permanent delivery failure: invalid number".into()),
        created_at: now(),
        dead_at: now(),
    }
}

#[actix_web::test]
async fn an_admin_sees_the_depth_per_channel_and_the_dead_messages_without_secrets() {
    let mut mocks = signed_in_as(&[Role::Admin, Role::User]);
    mocks.outbox.expect_depth().times(1).returning(|| {
        Ok(vec![ChannelDepth {
            channel: Channel::Sms,
            pending: 2,
            dead: 1,
        }])
    });
    mocks
        .outbox
        .expect_dead()
        .with(eq(50))
        .times(1)
        .returning(|_| Ok(vec![dead_message()]));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, "/admin/outbox")).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(
        reply.json,
        json!({
            "channels": [{"channel": "sms", "pending": 2, "dead": 1}],
            "dead": [{
                "id": 17, "channel": "sms", "template": "phone_code", "attempts": 8,
                "createdAt": now(), "deadAt": now(),
                "lastError": "permanent delivery failure: invalid number"
            }]
        })
    );
}

#[actix_web::test]
async fn an_admin_requeues_a_dead_message_and_an_unknown_one_is_404() {
    let mut mocks = signed_in_as(&[Role::Admin, Role::User]);
    mocks
        .outbox
        .expect_requeue()
        .with(eq(17), eq(now()))
        .times(1)
        .returning(|_, _| Ok(true));
    mocks
        .outbox
        .expect_requeue()
        .with(eq(18), eq(now()))
        .times(1)
        .returning(|_, _| Ok(false));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::POST, "/admin/outbox/17/retry")).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.json);
    let reply = send(&app, authed(Method::POST, "/admin/outbox/18/retry")).await;
    assert_eq!(
        reply.json,
        generic_error(
            404,
            "dead_message_not_found",
            "No dead outbox message has this id"
        )
    );
    let reply = send(&app, authed(Method::POST, "/admin/outbox/x/retry")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json["invalidFields"], json!(["id"]));
}

#[actix_web::test]
async fn only_admin_operates_the_outbox_and_only_server_or_admin_push() {
    for roles in [
        &[Role::User][..],
        &[Role::Staff, Role::User],
        &[Role::Server],
    ] {
        for (method, uri) in [
            (Method::GET, "/admin/outbox"),
            (Method::POST, "/admin/outbox/17/retry"),
        ] {
            let app = start(signed_in_as(roles)).await;
            let reply = send(&app, authed(method.clone(), uri)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{roles:?} {method} {uri}"
            );
            assert_eq!(reply.json, generic_error(403, "forbidden", "Forbidden"));
        }
    }
    for roles in [&[Role::User][..], &[Role::Staff, Role::User]] {
        let app = start(signed_in_as(roles)).await;
        let body = json!({"userId": 12, "kind": "notice", "title": "t", "body": "b"});
        let reply = send(&app, json(Method::POST, "/admin/push", body)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{roles:?}");
    }
}

fn user_twelve() -> Account {
    Account {
        id: AccountId(12),
        locale: Some("en".into()),
        ..root_user()
    }
}

fn install(session: i64) -> PushToken {
    PushToken {
        account_id: AccountId(12),
        session_id: SessionId(session),
        token: FcmToken::parse(&format!("fcm:install-{session}")).unwrap(),
        registered_at: now(),
    }
}

/// Account 12 agreed to pushes (and to marketing when `marketing`), has installs 31 and 30.
fn holding_twelve(mocks: &mut Mocks, marketing: bool) {
    mocks.tx_locks_own_accounts = true;
    mocks
        .tx
        .expect_lock_account()
        .with(eq(AccountId(12)))
        .returning(|_| Ok(Some(user_twelve())));
    mocks
        .tx
        .expect_lock_policy()
        .with(eq(AccountId(12)), eq(now()))
        .returning(move |id, _| {
            Ok(Some(Policy {
                is_push_agree: true,
                is_marketing_agree: marketing,
                ..Policy::default_for(id)
            }))
        });
    mocks
        .tx
        .expect_active_push_tokens()
        .with(eq(AccountId(12)), eq(now()))
        .returning(|_, _| Ok(vec![install(31), install(30)]));
    mocks
        .notifications
        .expect_find()
        .with(eq(AccountId(12)))
        .returning(|_| Ok(None));
}

#[actix_web::test]
async fn a_server_pushes_to_every_install_and_hears_what_was_queued() {
    let mut mocks = signed_in_as(&[Role::Server, Role::User]);
    holding_twelve(&mut mocks, true);
    let app = start(mocks).await;

    let body = json!({"userId": 12, "kind": "marketing", "title": "Sale", "body": "Half price."});
    let reply = send(&app, json(Method::POST, "/admin/push", body)).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(
        reply.json,
        json!({
            "userId": 12, "kind": "marketing",
            "queued": [{"sessionId": 31}, {"sessionId": 30}],
            "skipped": []
        })
    );
}

#[actix_web::test]
async fn skipped_installs_say_why() {
    let mut mocks = signed_in_as(&[Role::Admin, Role::User]);
    holding_twelve(&mut mocks, false);
    let app = start(mocks).await;

    let body = json!({"userId": 12, "kind": "marketing", "title": "Sale", "body": "Half price."});
    let reply = send(&app, json(Method::POST, "/admin/push", body)).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["queued"], json!([]));
    assert_eq!(
        reply.json["skipped"],
        json!([
            {"sessionId": 31, "reason": "no_marketing_consent"},
            {"sessionId": 30, "reason": "no_marketing_consent"}
        ])
    );
}

#[actix_web::test]
async fn a_push_to_no_account_is_404_and_bad_fields_are_named() {
    let mut mocks = signed_in_as(&[Role::Server]);
    mocks.tx_locks_own_accounts = true;
    mocks.tx.expect_lock_account().returning(|_| Ok(None));
    mocks.notifications.expect_find().returning(|_| Ok(None));
    let app = start(mocks).await;

    let body = json!({"userId": 99, "kind": "notice", "title": "t", "body": "b"});
    let reply = send(&app, json(Method::POST, "/admin/push", body)).await;
    assert_eq!(
        reply.json,
        generic_error(404, "account_not_found", "Account not found")
    );

    let body = json!({"userId": 12, "kind": "alert", "title": "", "body": "b"});
    let reply = send(&app, json(Method::POST, "/admin/push", body)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.json);
    assert_eq!(reply.json["error"], "invalid_fields");
    assert_eq!(reply.json["invalidFields"], json!(["kind", "title"]));
}
