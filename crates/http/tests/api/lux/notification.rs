use account_domain::notifications::NotificationSettings;
use actix_web::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::{json, lux_error, root_user, signed_in};
use crate::support::fixtures::{ACCOUNT_ID, now};
use crate::support::{Mocks, send, start};

const URI: &str = "/api/v1/lux/user/notification";

/// Stores whatever is sent, expecting `expected`.
fn saving(expected: NotificationSettings) -> Mocks {
    let mut mocks = signed_in(root_user());
    mocks
        .notifications
        .expect_save()
        .withf(move |account, settings, at| {
            *account == ACCOUNT_ID && *settings == expected && *at == now()
        })
        .times(1)
        .returning(|_, _, _| Ok(true));
    mocks
}

fn all(on: bool) -> NotificationSettings {
    NotificationSettings {
        is_device_muted: on,
        is_device_alim_talk_enabled: on,
        is_basestation_alert_enabled: on,
    }
}

async fn patch(mocks: Mocks, body: Value) -> crate::support::Reply {
    let app = start(mocks).await;
    send(&app, json(Method::PATCH, URI, body)).await
}

#[actix_web::test]
async fn the_documented_example_round_trips_with_ones() {
    let body = json!({
        "is_device_muted": 1,
        "is_device_alim_talk_enabled": 1,
        "is_basestation_alert_enabled": 1
    });

    let reply = patch(saving(all(true)), body.clone()).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json, body);
}

#[actix_web::test]
async fn booleans_and_zeros_round_trip_in_their_own_form() {
    let booleans = json!({
        "is_device_muted": true,
        "is_device_alim_talk_enabled": false,
        "is_basestation_alert_enabled": true
    });
    let mixed = json!({
        "is_device_muted": 0,
        "is_device_alim_talk_enabled": true,
        "is_basestation_alert_enabled": 0
    });

    let booleans_reply = patch(
        saving(NotificationSettings {
            is_device_alim_talk_enabled: false,
            ..all(true)
        }),
        booleans.clone(),
    )
    .await;
    let mixed_reply = patch(
        saving(NotificationSettings {
            is_device_alim_talk_enabled: true,
            ..all(false)
        }),
        mixed.clone(),
    )
    .await;

    assert_eq!(booleans_reply.json, booleans);
    assert_eq!(mixed_reply.json, mixed);
}

#[actix_web::test]
async fn every_switch_is_required() {
    let reply = patch(
        signed_in(root_user()),
        json!({"is_device_muted": 1, "is_basestation_alert_enabled": null}),
    )
    .await;

    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        lux_error(
            "is_device_alim_talk_enabled is required; is_basestation_alert_enabled is required"
        )
    );
}

#[actix_web::test]
async fn other_values_are_400() {
    for value in [json!(2), json!("1"), json!(-1)] {
        let reply = patch(
            signed_in(root_user()),
            json!({
                "is_device_muted": value,
                "is_device_alim_talk_enabled": 1,
                "is_basestation_alert_enabled": 1
            }),
        )
        .await;

        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{value}");
        let detail = reply.json["detail"].as_str().unwrap_or_default();
        assert!(
            detail.starts_with("Invalid value for is_device_muted: ")
                && detail.ends_with("expected true, false, 1 or 0"),
            "{detail}"
        );
    }
}

#[actix_web::test]
async fn a_vanished_account_is_404_user_not_found() {
    let mut mocks = signed_in(root_user());
    mocks
        .notifications
        .expect_save()
        .returning(|_, _, _| Ok(false));

    let reply = patch(
        mocks,
        json!({
            "is_device_muted": 1,
            "is_device_alim_talk_enabled": 1,
            "is_basestation_alert_enabled": 1
        }),
    )
    .await;

    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json, lux_error("User not found"));
}
