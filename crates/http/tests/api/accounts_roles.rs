//! The accounts-with-roles document (`accounts-roles-oauth.txt`): `/accounts/{accountId}`,
//! its summary, change and deletion, `/users/{userId}/profile` and `/account/logout`, with the
//! document's bodies and its error shapes (`{"message"}`, `{"invalidFields"}`,
//! `{"domain", "errorCode", "description"}`).

use account_domain::UnexpectedError;
use account_domain::accounts::{Account, AccountId};
use account_domain::audit::AuditAction;
use account_domain::auth::SessionEnding;
use account_domain::values::{Email, Gender, Role, Roles};
use actix_web::http::{Method, StatusCode};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use crate::lux::{authed, date, deleted, json, raw_json, signed_in, with_roles};
use crate::support::fixtures::{self, ACCOUNT_ID, SESSION_ID, now};
use crate::support::{Mocks, get, send, start};

/// `{"message": "..."}`
fn message(text: &str) -> Value {
    json!({ "message": text })
}

/// The caller: account 1, `John Doe`, created at the document's example instant.
fn caller() -> Account {
    Account {
        created_at: Utc
            .with_ymd_and_hms(2023, 10, 8, 3, 59, 55)
            .single()
            .unwrap_or_default()
            + chrono::Duration::microseconds(536_658),
        gender: Some(Gender::Male),
        birthdate: Some(date("19970101")),
        locale: Some("ko-KR".into()),
        email_verified: true,
        ..fixtures::account()
    }
}

fn staff(role: Role) -> Account {
    with_roles(caller(), Roles::new([role, Role::User]))
}

/// Account 2, `Jane Roe`, with no optional field.
fn other() -> Account {
    Account {
        id: AccountId(2),
        email: Email::parse("jane@example.com").unwrap(),
        name: Some("Jane Roe".into()),
        login_id: None,
        ..fixtures::account()
    }
}

/// `mocks` find account 2 as `found`.
fn finding_two(mut mocks: Mocks, found: Option<Account>) -> Mocks {
    mocks
        .accounts
        .expect_find_by_id()
        .withf(|id| *id == AccountId(2))
        .returning(move |_| Ok(found.clone()));
    mocks
}

#[actix_web::test]
async fn the_owner_reads_the_account_as_the_document_writes_it() {
    let app = start(signed_in(caller())).await;

    let reply = send(&app, authed(Method::GET, "/accounts/1")).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({
            "userId": 1,
            "name": "John Doe",
            "email": "user@example.com",
            "roles": ["USER"],
            "createdAt": "2023-10-08T03:59:55.536658Z",
            "gender": "MALE",
            "birthDate": "1997-01-01",
            "locale": "ko-KR",
            "emailVerified": true
        })
    );
}

#[actix_web::test]
async fn optional_fields_are_left_out_and_n_or_p_genders_shown_as_absent() {
    for gender in [None, Some(Gender::NonBinary), Some(Gender::PreferNotToSay)] {
        let bare = Account {
            gender,
            ..fixtures::account()
        };
        let app = start(signed_in(bare)).await;

        let reply = send(&app, authed(Method::GET, "/accounts/1")).await;

        assert_eq!(reply.status, StatusCode::OK);
        let keys: Vec<&str> = reply
            .json
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            [
                "createdAt",
                "email",
                "emailVerified",
                "name",
                "roles",
                "userId"
            ],
            "{gender:?}"
        );
        assert_eq!(reply.json["emailVerified"], false);
    }
}

#[actix_web::test]
async fn admin_and_staff_read_anothers_account_and_summary() {
    for role in [Role::Admin, Role::Staff] {
        let app = start(finding_two(signed_in(staff(role)), Some(other()))).await;

        let account = send(&app, authed(Method::GET, "/accounts/2")).await;
        let summary = send(&app, authed(Method::GET, "/accounts/2/summary")).await;

        assert_eq!(account.status, StatusCode::OK, "{role}");
        assert_eq!(account.json["userId"], 2);
        assert_eq!(account.json["roles"], json!(["USER"]));
        assert_eq!(
            summary.json,
            json!({"userId": 2, "name": "Jane Roe", "profileImgUri": null})
        );
    }
}

#[actix_web::test]
async fn another_user_is_403_with_a_message() {
    let app = start(signed_in(caller())).await;

    for (method, uri) in [
        (Method::GET, "/accounts/2"),
        (Method::GET, "/accounts/2/summary"),
        (Method::DELETE, "/accounts/2"),
    ] {
        let reply = send(&app, authed(method.clone(), uri)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{method} {uri}");
        assert_eq!(
            reply.json,
            message("Only the account's owner, ADMIN or STAFF may do this")
        );
    }
    let patch = send(
        &app,
        json(Method::PATCH, "/accounts/2", json!({"gender": "FEMALE"})),
    )
    .await;
    assert_eq!(patch.status, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn a_missing_or_deleted_account_is_404_for_staff() {
    let missing = start(finding_two(signed_in(staff(Role::Admin)), None)).await;
    let gone = start(finding_two(
        signed_in(staff(Role::Admin)),
        Some(deleted(other())),
    ))
    .await;

    let missing = send(&missing, authed(Method::GET, "/accounts/2")).await;
    let gone = send(&gone, authed(Method::GET, "/accounts/2/summary")).await;

    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json, message("Account Not Found"));
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.json, message("Account Deleted"));
}

#[actix_web::test]
async fn the_summary_is_the_documents_three_fields() {
    let app = start(signed_in(caller())).await;

    let reply = send(&app, authed(Method::GET, "/accounts/1/summary")).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"userId": 1, "name": "John Doe", "profileImgUri": null})
    );
}

#[actix_web::test]
async fn a_change_answers_the_account_as_changed() {
    let mut mocks = signed_in(caller());
    mocks
        .profiles
        .expect_update_profile()
        .withf(|id, patch, at| {
            *id == ACCOUNT_ID
                && patch.gender == Some(Gender::Female)
                && patch.birthdate.map(|b| b.iso()) == Some("2000-02-29".into())
                && *at == now()
        })
        .times(1)
        .returning(|_, _, _| {
            Ok(Some(Account {
                gender: Some(Gender::Female),
                birthdate: Some(date("20000229")),
                ..caller()
            }))
        });
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(
            Method::PATCH,
            "/accounts/1",
            json!({"gender": "FEMALE", "birthDate": "2000-02-29"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["gender"], "FEMALE");
    assert_eq!(reply.json["birthDate"], "2000-02-29");
    assert_eq!(reply.json["userId"], 1);
}

#[actix_web::test]
async fn invalid_fields_are_named_all_at_once() {
    let app = start(signed_in(caller())).await;

    let cases = [
        (json!({"name": "J"}), json!(["name"])),
        (json!({"name": "가".repeat(21)}), json!(["name"])),
        (json!({"gender": "M"}), json!(["gender"])),
        (json!({"birthDate": "19970101"}), json!(["birthDate"])),
        (
            json!({"name": "J", "gender": "OTHER", "birthDate": "1997-13-01"}),
            json!(["name", "gender", "birthDate"]),
        ),
    ];
    for (body, fields) in cases {
        let reply = send(&app, json(Method::PATCH, "/accounts/1", body.clone())).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(reply.json, json!({ "invalidFields": fields }), "{body}");
    }
}

#[actix_web::test]
async fn a_bad_body_or_id_is_400_in_the_documents_shape() {
    let app = start(signed_in(caller())).await;

    let malformed = send(&app, raw_json(Method::PATCH, "/accounts/1", "{\"name\":")).await;
    let bad_id = send(&app, authed(Method::GET, "/accounts/one")).await;

    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.json["invalidFields"], json!([]));
    assert!(malformed.json["message"].is_string(), "{}", malformed.json);
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_id.json, json!({"invalidFields": ["accountId"]}));
}

#[actix_web::test]
async fn the_owner_deletes_the_account_softly_and_gets_204() {
    let mut mocks = signed_in(caller());
    mocks
        .tx
        .expect_mark_account_deleted()
        .withf(|id, at| *id == ACCOUNT_ID && *at == now())
        .times(1)
        .returning(|_, _| Ok(true));
    mocks.tx.expect_revoke_sessions().returning(|_, _, _| Ok(1));
    mocks.tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    mocks
        .tx
        .expect_release_devices_of_children()
        .returning(|_, _| Ok(0));
    mocks.tx.expect_delete_children().returning(|_, _| Ok(0));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::DELETE, "/accounts/1")).await;

    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert!(reply.text.is_empty());
}

#[actix_web::test]
async fn any_signed_in_user_reads_a_public_profile() {
    let app = start(finding_two(signed_in(caller()), Some(other()))).await;

    let reply = send(&app, authed(Method::GET, "/users/2/profile")).await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"userId": 2, "name": "Jane Roe", "profileImgUri": null})
    );
}

#[actix_web::test]
async fn an_unknown_or_deleted_user_is_user_not_found() {
    for found in [None, Some(deleted(other()))] {
        let app = start(finding_two(signed_in(caller()), found)).await;

        let reply = send(&app, authed(Method::GET, "/users/2/profile")).await;

        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(reply.json, message("User Not Found"));
    }
}

#[actix_web::test]
async fn logout_ends_the_callers_session_with_204() {
    let mut mocks = signed_in(caller());
    mocks
        .tx
        .expect_revoke_sessions()
        .withf(|account, ending, _| {
            *account == ACCOUNT_ID && *ending == SessionEnding::One(SESSION_ID)
        })
        .times(1)
        .returning(|_, _, _| Ok(1));
    mocks
        .tx
        .expect_delete_push_tokens()
        .times(1)
        .returning(|_, _| Ok(0));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::POST, "/account/logout")).await;

    assert_eq!(reply.status, StatusCode::NO_CONTENT);
}

#[actix_web::test]
async fn without_a_token_every_route_is_401_with_a_message() {
    let app = start(Mocks::new()).await;

    for (method, uri) in [
        (Method::GET, "/accounts/1"),
        (Method::GET, "/accounts/1/summary"),
        (Method::PATCH, "/accounts/1"),
        (Method::DELETE, "/accounts/1"),
        (Method::GET, "/users/1/profile"),
        (Method::POST, "/account/logout"),
    ] {
        let reply = send(
            &app,
            crate::support::request(method.clone(), uri).set_json(json!({})),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{method} {uri}");
        assert_eq!(reply.json, message("Unauthorized"), "{method} {uri}");
    }
}

#[actix_web::test]
async fn unknown_paths_and_wrong_methods_are_in_the_documents_shape() {
    let app = start(Mocks::new()).await;

    let unknown = send(&app, get("/accounts/1/nothing")).await;
    let wrong = send(&app, crate::support::request(Method::PUT, "/accounts/1")).await;

    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.json, message("Not Found"));
    assert_eq!(wrong.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong.json, message("Method Not Allowed"));
}

#[actix_web::test]
async fn a_store_failure_is_500_with_domain_code_and_description() {
    let mut mocks = signed_in(caller());
    mocks.accounts.checkpoint();
    mocks
        .accounts
        .expect_find_by_id()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let app = start(mocks).await;

    let reply = send(&app, authed(Method::GET, "/users/2/profile")).await;

    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        reply.json,
        json!({"domain": "account", "errorCode": "internal_error",
               "description": "Internal Server Error"})
    );
}

#[actix_web::test]
async fn staff_change_anothers_account_and_the_audit_log_says_who_from_where() {
    let mut mocks = signed_in(staff(Role::Staff));
    mocks
        .tx
        .expect_append_audit()
        .withf(|entry| {
            entry.actor == Some(ACCOUNT_ID)
                && entry.action == AuditAction::AccountUpdated
                && entry.target == AccountId(2)
                && entry.detail.as_deref() == Some("gender")
                && entry.ip.as_deref() == Some(fixtures::PEER_IP)
                && entry.user_agent.as_deref() == Some("TestAgent/1.0")
                && entry.at == now()
        })
        .times(1)
        .returning(|_| Ok(()));
    mocks
        .tx
        .expect_update_profile()
        .withf(|id, patch, _| *id == AccountId(2) && patch.gender == Some(Gender::Male))
        .times(1)
        .returning(|_, _, _| {
            Ok(Some(Account {
                gender: Some(Gender::Male),
                ..other()
            }))
        });
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(Method::PATCH, "/accounts/2", json!({"gender": "MALE"})),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["userId"], 2);
    assert_eq!(reply.json["gender"], "MALE");
}

#[actix_web::test]
async fn a_change_of_the_name_sets_the_display_name() {
    let mut mocks = signed_in(caller());
    mocks
        .profiles
        .expect_update_profile()
        .withf(|id, patch, _| *id == ACCOUNT_ID && patch.name.as_deref() == Some("Johnny"))
        .times(1)
        .returning(|_, _, _| {
            Ok(Some(Account {
                name: Some("Johnny".into()),
                gender: Some(Gender::Female),
                ..caller()
            }))
        });
    let app = start(mocks).await;

    let reply = send(
        &app,
        json(
            Method::PATCH,
            "/accounts/1",
            json!({"name": "Johnny", "gender": "FEMALE"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["name"], "Johnny");
}

/// SPEC 3.1: without a chosen display name, the document's `name` is the one the Lux profile
/// holds, `last_name first_name`.
#[actix_web::test]
async fn an_account_named_only_through_lux_shows_last_then_first_name() {
    let lux_named = Account {
        name: None,
        first_name: Some("james".into()),
        last_name: Some("kim".into()),
        ..caller()
    };
    let app = start(signed_in(lux_named)).await;

    let detail = send(&app, authed(Method::GET, "/accounts/1")).await;
    let summary = send(&app, authed(Method::GET, "/accounts/1/summary")).await;

    assert_eq!(detail.json["name"], "kim james", "{}", detail.json);
    assert_eq!(summary.json["name"], "kim james", "{}", summary.json);
}

/// The document's 403 list: "로그인을 한 상태에서 회원가입 API를 호출" (calling sign-up while
/// signed in).
#[actix_web::test]
async fn completing_a_sign_up_while_signed_in_is_403_with_a_message() {
    let app = start(signed_in(caller())).await;

    let reply = send(
        &app,
        json(
            Method::POST,
            "/account/register",
            json!({"name": "Kim Minji", "email": "minji@example.com"}),
        ),
    )
    .await;

    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json, message("Already signed in"));
}
