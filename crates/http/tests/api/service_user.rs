//! The service user account document (`/v1/account/...`): every route and every answer it
//! prints, with its query strings, PascalCase fields and `{"msg": ...}` shapes.

use account_domain::accounts::{AccountId, CreateAccountError};
use account_domain::identities::{ExternalIdentity, Provider};
use account_domain::verification::{
    AddressedCode, CodeId, CodePurpose, CurrentCode, IssueOutcome, StoredCode,
};
use actix_web::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::{Value, json};

use crate::support::fixtures::{ACCESS_TOKEN, PUBLIC_ID, account, now, retry_at};
use crate::support::{Mocks, post, post_json, request, send, start, with_token};

const AUTH: &str = "Incorrect authentication information and timed out information";
const CODE: &str = "0A1B2C3D4E";

fn put_json(uri: &str, body: Value) -> actix_web::test::TestRequest {
    request(Method::PUT, uri).set_json(body)
}

fn code_refused() -> Value {
    json!({"msg": "Account not found", "Auth": AUTH})
}

fn current_code(account: Option<i64>) -> StoredCode {
    StoredCode {
        id: CodeId(3),
        account_id: account.map(AccountId),
        current: CurrentCode {
            expires_at: now() + Duration::minutes(10),
            attempts_left: 5,
            code_digest: format!("digest:{CODE}"),
        },
    }
}

/// The store holds the code `0A1B2C3D4E`, sent to `address`, found by its digest; the right
/// one is spent.
fn standalone_code(mocks: &mut Mocks, address: &'static str) {
    mocks
        .tx
        .expect_lock_current_code_by_digest()
        .withf(|purpose, _| *purpose == CodePurpose::AccountAccess)
        .returning(move |_, digest| {
            Ok((digest == format!("digest:{CODE}")).then(|| AddressedCode {
                code: current_code(None),
                target: address.into(),
            }))
        });
    mocks.tx.expect_consume_code().returning(|_, _| Ok(()));
}

/// The caller's address holds the code `0A1B2C3D4E`; a wrong one uses an attempt.
fn code_of_the_caller(mocks: &mut Mocks) {
    mocks
        .tx
        .expect_lock_current_code()
        .withf(|purpose, target| {
            *purpose == CodePurpose::AccountAccess && target == "user@example.com"
        })
        .returning(|_, _| Ok(Some(current_code(Some(1)))));
    mocks.tx.expect_consume_code().returning(|_, _| Ok(()));
    mocks.tx.expect_use_code_attempt().returning(|_| Ok(()));
}

fn anonymous() -> Mocks {
    Mocks::new().predictable_secrets()
}

fn signed_in() -> Mocks {
    anonymous().authenticated()
}

// POST /v1/account/auth?Email=

#[actix_web::test]
async fn a_code_is_sent_with_an_empty_body_and_no_content_type_for_any_address() {
    for exists in [true, false] {
        let mut mocks = anonymous();
        mocks
            .accounts
            .expect_find_by_email()
            .returning(move |_| Ok(exists.then(account)));
        mocks
            .codes
            .expect_issue()
            .withf(|code, cooldown, message| {
                code.purpose == CodePurpose::AccountAccess
                    && code.target == "user@example.com"
                    && *cooldown == Duration::minutes(10)
                    && !message.suppressed
            })
            .times(1)
            .returning(|_, _, _| Ok(IssueOutcome::Issued));
        let app = start(mocks).await;
        let reply = send(&app, post("/v1/account/auth?Email=user@example.com")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(reply.json, json!({"msg": "Done!"}));
    }
}

#[actix_web::test]
async fn a_second_request_within_ten_minutes_is_not_processed_with_the_time_left() {
    let mut mocks = anonymous();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(None));
    mocks.codes.expect_issue().returning(|_, _, _| {
        Ok(IssueOutcome::CoolingDown {
            retry_at: retry_at(596),
        })
    });
    let app = start(mocks).await;
    let reply = send(
        &app,
        post("/v1/account/auth?Email=user@example.com")
            .insert_header(("Content-Type", "application/x-www-form-urlencoded")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), Some("596"));
    assert_eq!(
        reply.json,
        json!({"msg": "Not processed.", "Retry Time": "09:56"})
    );
}

#[actix_web::test]
async fn no_address_is_a_field_error_in_the_documents_shape() {
    let app = start(Mocks::new()).await;
    for uri in ["/v1/account/auth", "/v1/account/auth?Email=not-an-address"] {
        let reply = send(&app, post(uri)).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            reply.json["msg"].as_str().is_some_and(|m| !m.is_empty()),
            "{}",
            reply.text
        );
        assert_eq!(
            reply.json.as_object().map(|o| o.len()),
            Some(1),
            "{}",
            reply.text
        );
    }
}

// POST /v1/account/add?Token=

fn add_body() -> Value {
    json!({"Password": "correct horse battery", "Info": {"FirstName": "Mireu",
        "LastName": "Lim", "Nickname": "mireu", "Phone": "+82 10-1234-5678"}})
}

fn signing_up(insert: Result<(), CreateAccountError>) -> Mocks {
    let mut mocks = anonymous();
    standalone_code(&mut mocks, "new@example.com");
    mocks
        .hasher
        .expect_hash()
        .returning(|_| Ok("$argon2id$new".into()));
    mocks
        .tx
        .expect_nickname_held_elsewhere()
        .returning(|_, _| Ok(false));
    let mut insert = Some(insert);
    mocks.tx.expect_insert_account().returning(move |new| {
        assert_eq!(new.email.as_str(), "new@example.com");
        assert_eq!(new.public_id.as_str(), PUBLIC_ID);
        assert_eq!(
            new.phone.as_ref().map(|p| p.as_str()),
            Some("+821012345678")
        );
        match insert.take().unwrap_or(Ok(())) {
            Ok(()) => Ok(account()),
            Err(error) => Err(error),
        }
    });
    mocks
        .tx
        .expect_mark_email_verified()
        .returning(|_, _| Ok(()));
    mocks
}

#[actix_web::test]
async fn the_emailed_code_creates_the_account_and_answers_its_user_id() {
    let app = start(signing_up(Ok(()))).await;
    let reply = send(
        &app,
        post_json(&format!("/v1/account/add?Token={CODE}"), add_body()),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json, json!({"msg": "Done.", "UserID": PUBLIC_ID}));
}

#[actix_web::test]
async fn a_duplicate_account_is_not_processed() {
    let app = start(signing_up(Err(CreateAccountError::EmailTaken))).await;
    let reply = send(
        &app,
        post_json(&format!("/v1/account/add?Token={CODE}"), add_body()),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json, json!({"msg": "Not processed."}));
}

#[actix_web::test]
async fn a_wrong_or_expired_code_is_account_not_found_with_auth() {
    let app = start(signing_up(Ok(()))).await;
    let reply = send(
        &app,
        post_json("/v1/account/add?Token=ZZZZZZZZZZ", add_body()),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, code_refused());
}

#[actix_web::test]
async fn a_missing_field_is_named_as_the_document_spells_it() {
    let app = start(Mocks::new()).await;
    let reply = send(
        &app,
        post_json(
            &format!("/v1/account/add?Token={CODE}"),
            json!({"Password": "correct horse battery", "Info": {"FirstName": "Mireu"}}),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let msg = reply.json["msg"].as_str().unwrap_or_default();
    for field in ["Info.LastName", "Info.Nickname", "Info.Phone"] {
        assert!(msg.contains(field), "{msg}");
    }
}

// PUT /v1/account/update

#[actix_web::test]
async fn the_info_update_answers_done() {
    let mut mocks = signed_in();
    mocks
        .tx
        .expect_nickname_held_elsewhere()
        .returning(|_, _| Ok(false));
    mocks
        .tx
        .expect_update_profile()
        .withf(|id, patch, _| {
            *id == AccountId(1)
                && patch.nickname.as_ref().map(|n| n.as_str()) == Some("mireu")
                && patch.first_name.as_ref().map(|n| n.as_str()) == Some("Mireu")
        })
        .times(1)
        .returning(|_, _, _| Ok(Some(account())));
    let app = start(mocks).await;
    let body = json!({"Password": "string", "Info": {"FirstName": "Mireu", "Nickname": "mireu"}});
    let reply = send(&app, with_token(put_json("/v1/account/update", body))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json, json!({"msg": "Done"}));
}

#[actix_web::test]
async fn a_taken_nickname_is_not_processed() {
    let mut mocks = signed_in();
    mocks
        .tx
        .expect_nickname_held_elsewhere()
        .returning(|_, _| Ok(true));
    let app = start(mocks).await;
    let body = json!({"Info": {"Nickname": "taken"}});
    let reply = send(&app, with_token(put_json("/v1/account/update", body))).await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json, json!({"msg": "Not processed."}));
}

#[actix_web::test]
async fn a_raw_user_id_in_authorization_is_refused_a_bearer_token_is_needed() {
    let app = start(Mocks::new()).await;
    let reply = send(
        &app,
        put_json("/v1/account/update", json!({"Info": {}}))
            .insert_header(("Authorization", PUBLIC_ID)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, json!({"msg": "Unauthorized"}));
}

// PUT /v1/account/auth/update?Token=

#[actix_web::test]
async fn a_new_password_with_the_code_answers_done() {
    let mut mocks = signed_in();
    code_of_the_caller(&mut mocks);
    mocks
        .hasher
        .expect_hash()
        .returning(|_| Ok("$argon2id$new".into()));
    mocks
        .tx
        .expect_set_password()
        .times(1)
        .returning(|_, _, _| Ok(true));
    mocks.tx.expect_revoke_sessions().returning(|_, _, _| Ok(0));
    mocks.tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    let app = start(mocks).await;
    let body = json!({"Password": "a brand new passphrase"});
    let uri = format!("/v1/account/auth/update?Token={CODE}");
    let reply = send(&app, with_token(put_json(&uri, body))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json, json!({"msg": "Done"}));
}

#[actix_web::test]
async fn a_social_login_is_linked_only_when_the_oauth_flow_proved_it() {
    for (holder, status) in [
        (Some(AccountId(1)), 200),
        (None, 403),
        (Some(AccountId(2)), 403),
    ] {
        let mut mocks = signed_in();
        code_of_the_caller(&mut mocks);
        mocks
            .identities
            .expect_find_account()
            .withf(|identity| {
                *identity
                    == ExternalIdentity {
                        provider: Provider::Google,
                        subject: "110248495921238986420".into(),
                    }
            })
            .returning(move |_| Ok(holder));
        let app = start(mocks).await;
        let body = json!({"Sns": {"SNS_Service": "Google", "UID": "110248495921238986420"}});
        let uri = format!("/v1/account/auth/update?Token={CODE}");
        let reply = send(&app, with_token(put_json(&uri, body))).await;
        assert_eq!(reply.status.as_u16(), status, "{holder:?}: {}", reply.text);
        let expected = if status == 200 {
            "Done"
        } else {
            "Not processed."
        };
        assert_eq!(reply.json["msg"], expected);
    }
}

#[actix_web::test]
async fn the_security_update_with_a_wrong_code_is_account_not_found_with_auth() {
    let mut mocks = signed_in();
    code_of_the_caller(&mut mocks);
    mocks
        .hasher
        .expect_hash()
        .returning(|_| Ok("$argon2id$new".into()));
    mocks.tx.expect_set_password().never();
    let app = start(mocks).await;
    let body = json!({"Password": "a brand new passphrase"});
    let reply = send(
        &app,
        with_token(put_json("/v1/account/auth/update?Token=WRONG00000", body)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, code_refused());
}

// DELETE /v1/account/delete?Token=

fn deleting(still_live: bool) -> Mocks {
    let mut mocks = signed_in();
    code_of_the_caller(&mut mocks);
    mocks
        .tx
        .expect_mark_account_deleted()
        .returning(move |_, _| Ok(still_live));
    mocks.tx.expect_revoke_sessions().returning(|_, _, _| Ok(1));
    mocks.tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    mocks
        .tx
        .expect_release_devices_of_children()
        .returning(|_, _| Ok(0));
    mocks.tx.expect_delete_children().returning(|_, _| Ok(0));
    mocks
}

#[actix_web::test]
async fn the_emailed_code_deletes_the_account() {
    let app = start(deleting(true)).await;
    let uri = format!("/v1/account/delete?Token={CODE}");
    let reply = send(&app, with_token(request(Method::DELETE, &uri))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json, json!({"msg": "Done"}));
}

#[actix_web::test]
async fn an_account_deleted_already_is_account_not_found() {
    let app = start(deleting(false)).await;
    let uri = format!("/v1/account/delete?Token={CODE}");
    let reply = send(&app, with_token(request(Method::DELETE, &uri))).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json, json!({"msg": "Account not found"}));
}

#[actix_web::test]
async fn a_deletion_with_a_wrong_code_is_account_not_found_with_auth() {
    let mut mocks = deleting(true);
    mocks.tx.expect_mark_account_deleted().never();
    let app = start(mocks).await;
    let reply = send(
        &app,
        with_token(request(
            Method::DELETE,
            "/v1/account/delete?Token=WRONG00000",
        )),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, code_refused());
}

// GET /v1/account/info

#[actix_web::test]
async fn the_info_carries_the_join_time_as_epoch_seconds() {
    let app = start(signed_in()).await;
    let reply = send(
        &app,
        request(Method::GET, "/v1/account/info")
            .insert_header(("Authorization", format!("Bearer {ACCESS_TOKEN}"))),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let joined = (now() - Duration::days(30)).timestamp() as f64;
    assert_eq!(
        reply.json,
        json!({"Info": {"FirstName": null, "LastName": null, "Nickname": null, "Phone": null,
            "Email": "user@example.com", "Join Time": joined}})
    );
}

// POST /v1/account/find?Token=

fn finding(exists: bool) -> Mocks {
    let mut mocks = anonymous();
    standalone_code(&mut mocks, "user@example.com");
    mocks
        .accounts
        .expect_find_by_email()
        .returning(move |_| Ok(exists.then(account)));
    mocks
        .hasher
        .expect_verify()
        .returning(|typed, _| Ok(typed == "correct horse battery"));
    mocks
}

#[actix_web::test]
async fn the_code_and_the_password_find_the_uid() {
    let app = start(finding(true)).await;
    let uri = format!("/v1/account/find?Token={CODE}");
    let reply = send(
        &app,
        post_json(&uri, json!({"Password": "correct horse battery"})),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json, json!({"UID": PUBLIC_ID}));
}

#[actix_web::test]
async fn the_find_answers_as_the_document_prints() {
    for (exists, token, password, status, body) in [
        (
            true,
            CODE,
            "wrong password",
            401,
            json!({"msg": "Not processed."}),
        ),
        (
            false,
            CODE,
            "correct horse battery",
            404,
            json!({"msg": "Account not found"}),
        ),
        (
            true,
            "ZZZZZZZZZZ",
            "correct horse battery",
            401,
            code_refused(),
        ),
    ] {
        let app = start(finding(exists)).await;
        let uri = format!("/v1/account/find?Token={token}");
        let reply = send(&app, post_json(&uri, json!({"Password": password}))).await;
        assert_eq!((reply.status.as_u16(), &reply.json), (status, &body));
    }
}

// POST /v1/account/login and /refresh

#[actix_web::test]
async fn a_log_in_hands_out_a_bearer_token_and_a_refresh_token() {
    let mut mocks = anonymous().opens_sessions();
    mocks
        .accounts
        .expect_find_by_email()
        .returning(|_| Ok(Some(account())));
    mocks
        .hasher
        .expect_verify()
        .returning(|typed, _| Ok(typed == "correct horse battery"));
    let app = start(mocks).await;
    let body = json!({"Email": "user@example.com", "Password": "correct horse battery"});
    let reply = send(&app, post_json("/v1/account/login", body)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["AccessToken"], ACCESS_TOKEN);
    assert_eq!(reply.json["RefreshToken"], "refresh-1");
    assert_eq!(reply.json["TokenType"], "Bearer");
    let body = json!({"Email": "user@example.com", "Password": "wrong password"});
    let reply = send(&app, post_json("/v1/account/login", body)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, json!({"msg": "Not processed."}));
}

#[actix_web::test]
async fn unknown_paths_and_methods_under_the_prefix_answer_in_the_documents_shape() {
    let app = start(Mocks::new()).await;
    let unknown = send(&app, request(Method::GET, "/v1/account/nothing-here")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.json, json!({"msg": "Not Found"}));
    let wrong_method = send(&app, request(Method::GET, "/v1/account/add")).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.json, json!({"msg": "Method Not Allowed"}));
}
