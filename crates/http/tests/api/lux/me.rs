use account_domain::accounts::Account;
use account_domain::notifications::NotificationSettings;
use account_domain::values::Phone;
use actix_web::http::{Method, StatusCode};
use serde_json::json;

use super::{authed, lux_error, root_user, signed_in};
use crate::support::fixtures::ACCOUNT_ID;
use crate::support::{send, start};

const URI: &str = "/api/v1/lux/user/me";

#[actix_web::test]
async fn answers_the_documented_example() {
    let mut mocks = signed_in(root_user());
    mocks
        .notifications
        .expect_find()
        .withf(|account| *account == ACCOUNT_ID)
        .returning(|_| {
            Ok(Some(NotificationSettings {
                is_device_muted: true,
                is_device_alim_talk_enabled: true,
                is_basestation_alert_enabled: true,
            }))
        });
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, URI)).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({
            "root_user_id": 1,
            "first_name": "test",
            "last_name": "kim",
            "birthdate": "20240722",
            "gender": "M",
            "phone": "+821012345678",
            "is_phone_number_checked": true,
            "register_type": "E",
            "national_code": "KR",
            "need_personal_info_update": false,
            "need_to_pwd_change": true,
            "is_device_muted": true,
            "is_device_alim_talk_enabled": true,
            "is_basestation_alert_enabled": true
        })
    );
}

#[actix_web::test]
async fn missing_values_are_null_and_settings_default_to_off() {
    let mut mocks = signed_in(crate::support::fixtures::account());
    mocks.notifications.expect_find().returning(|_| Ok(None));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, URI)).await;

    assert_eq!(
        reply.json,
        json!({
            "root_user_id": 1,
            "first_name": null,
            "last_name": null,
            "birthdate": null,
            "gender": null,
            "phone": null,
            "is_phone_number_checked": false,
            "register_type": "E",
            "national_code": null,
            "need_personal_info_update": true,
            "need_to_pwd_change": false,
            "is_device_muted": false,
            "is_device_alim_talk_enabled": false,
            "is_basestation_alert_enabled": false
        })
    );
}

#[actix_web::test]
async fn the_national_code_follows_the_phone_numbers_region() {
    let american = Account {
        phone: Phone::parse("+1 415-555-0100").ok(),
        ..root_user()
    };
    let mut mocks = signed_in(american);
    mocks.notifications.expect_find().returning(|_| Ok(None));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, URI)).await;

    assert_eq!(reply.json["phone"], json!("+14155550100"));
    assert_eq!(reply.json["national_code"], json!("US"));
}

#[actix_web::test]
async fn a_vanished_account_is_401_user_is_none() {
    let app = start(super::signed_in_to_nothing()).await;

    let reply = send(&app, authed(Method::GET, URI)).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, lux_error("User is None"));
}

#[actix_web::test]
async fn a_withdrawn_account_is_401_user_is_deleted() {
    let app = start(signed_in(super::deleted(root_user()))).await;

    let reply = send(&app, authed(Method::GET, URI)).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, lux_error("User is Deleted"));
}
