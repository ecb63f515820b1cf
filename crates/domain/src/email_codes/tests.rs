use chrono::Duration;
use mockall::predicate::eq;

use super::fixture::{
    ADDRESS, CHECKS, CODE, Fixture, checks_counted, checks_key, client, details, found_by_digest,
    right_digest, stored,
};
use super::*;
use crate::accounts::{AccountId, CreateAccountError};
use crate::identities::{ExternalIdentity, Provider};
use crate::outbox::OutgoingMessage;
use crate::store::MockStoreTransaction;
use crate::testing::{PUBLIC_ID, account, principal, t0};
use crate::throttle::ThrottleKey;
use crate::values::{Email, Password};
use crate::verification::{CodeId, CodePurpose, IssueOutcome};

fn email() -> Email {
    Email::parse(ADDRESS).unwrap()
}

// Sending.

#[tokio::test]
async fn a_code_of_ten_characters_goes_to_an_address_with_or_without_an_account() {
    for holder in [None, Some(4)] {
        let mut f = Fixture::new();
        f.accounts
            .expect_find_by_email()
            .returning(move |_| Ok(holder.map(|id| account(id, ADDRESS))));
        f.codes
            .expect_issue()
            .withf(move |code, cooldown, message| {
                code.purpose == CodePurpose::AccountAccess
                    && code.target == ADDRESS
                    && code.account_id == holder.map(AccountId)
                    && code.code_digest == right_digest()
                    && code.expires_at == t0() + Duration::minutes(10)
                    && *cooldown == Duration::minutes(10)
                    && !message.suppressed
                    && matches!(&message.message, OutgoingMessage::Email(m) if m.to == ADDRESS)
            })
            .times(1)
            .returning(|_, _, _| Ok(IssueOutcome::Issued));
        let sent = f.service().send_code(&email(), &client()).await;
        assert!(sent.is_ok(), "{holder:?}: {sent:?}");
    }
}

#[tokio::test]
async fn a_second_request_within_ten_minutes_is_told_when_to_retry() {
    let retry_at = t0() + Duration::seconds(596);
    let mut f = Fixture::new();
    f.accounts.expect_find_by_email().returning(|_| Ok(None));
    f.codes
        .expect_issue()
        .returning(move |_, _, _| Ok(IssueOutcome::CoolingDown { retry_at }));
    let sent = f.service().send_code(&email(), &client()).await;
    assert!(
        matches!(sent, Err(SendAccessCodeError::CoolingDown { retry_at: at }) if at == retry_at)
    );
}

#[tokio::test]
async fn a_spent_budget_sends_nothing() {
    let until = t0() + Duration::hours(1);
    let mut f = Fixture::new();
    let throttle = f.throttle.clone();
    throttle.block(
        &ThrottleKey::new("account-code-send:address", ADDRESS),
        until,
    );
    f.codes.expect_issue().never();
    let sent = f.service().send_code(&email(), &client()).await;
    assert!(
        matches!(sent, Err(SendAccessCodeError::Throttled { retry_at }) if retry_at == until),
        "{sent:?}"
    );
    let from_ip = "account-code-send:ip:10.0.0.9";
    assert_eq!(throttle.count(from_ip), 0, "nothing is counted");
}

// Sign-up.

#[tokio::test]
async fn the_right_code_creates_the_account_of_its_address_verified_with_a_public_id() {
    let mut f = Fixture::new();
    found_by_digest(&mut f.tx, Some(stored(None, 5)));
    f.tx.expect_consume_code()
        .with(eq(CodeId(3)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(()));
    f.tx.expect_nickname_held_elsewhere()
        .withf(|except, n| except.is_none() && n.as_str() == "mireu")
        .returning(|_, _| Ok(false));
    f.tx.expect_insert_account()
        .withf(|new| {
            new.email.as_str() == ADDRESS
                && new.public_id.as_str() == PUBLIC_ID
                && new.password_hash.as_deref() == Some("hash(a long enough passphrase)")
                && new.nickname.as_ref().map(|n| n.as_str()) == Some("mireu")
                && new.first_name.as_deref() == Some("Mireu")
                && new.last_name.as_deref() == Some("Lim")
                && new.phone.as_ref().map(|p| p.as_str()) == Some("+821012345678")
        })
        .times(1)
        .returning(|_| Ok(account(9, ADDRESS)));
    f.tx.expect_mark_email_verified()
        .with(eq(AccountId(9)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(()));
    let throttle = f.throttle.clone();
    let created = f.service().sign_up(CODE, details(), &client()).await;
    let created = created.map(|a| (a.id, a.email_verified, a.public_id.to_string()));
    assert_eq!(
        created.ok(),
        Some((AccountId(9), true, PUBLIC_ID.to_owned()))
    );
    assert_eq!(checks_counted(&throttle), Some(0), "given back");
}

#[tokio::test]
async fn a_code_guessed_at_random_creates_nothing_and_counts_against_the_client() {
    let mut f = Fixture::new();
    found_by_digest(&mut f.tx, Some(stored(None, 5)));
    f.tx.expect_insert_account().never();
    f.tx.expect_consume_code().never();
    let throttle = f.throttle.clone();
    let created = f
        .service()
        .sign_up("ZZZZZZZZZZ", details(), &client())
        .await;
    assert!(matches!(
        created,
        Err(SignUpWithCodeError::InvalidCode { .. })
    ));
    assert_eq!(throttle.count(CHECKS), 1, "kept");
}

#[tokio::test]
async fn when_the_client_ran_out_of_tries_no_code_is_looked_at() {
    let until = t0() + Duration::minutes(15);
    let mut f = Fixture::new();
    f.throttle.block(&checks_key(), until);
    f.tx.expect_lock_current_code_by_digest().never();
    let created = f.service().sign_up(CODE, details(), &client()).await;
    assert!(
        matches!(created, Err(SignUpWithCodeError::Throttled { retry_at }) if retry_at == until)
    );
}

#[tokio::test]
async fn an_expired_code_is_refused_without_counting_as_a_guess() {
    let mut f = Fixture::new();
    let mut expired = stored(None, 5);
    expired.current.expires_at = t0();
    found_by_digest(&mut f.tx, Some(expired));
    f.tx.expect_insert_account().never();
    let throttle = f.throttle.clone();
    let created = f.service().sign_up(CODE, details(), &client()).await;
    assert!(matches!(
        created,
        Err(SignUpWithCodeError::InvalidCode { .. })
    ));
    assert_eq!(checks_counted(&throttle), Some(0), "given back");
}

#[tokio::test]
async fn a_taken_address_or_nickname_is_refused() {
    for (nickname_taken, insert) in [
        (true, None),
        (false, Some(CreateAccountError::EmailTaken)),
        (false, Some(CreateAccountError::NicknameTaken)),
    ] {
        let mut f = Fixture::new();
        found_by_digest(&mut f.tx, Some(stored(None, 5)));
        f.tx.expect_consume_code().returning(|_, _| Ok(()));
        f.tx.expect_nickname_held_elsewhere()
            .returning(move |_, _| Ok(nickname_taken));
        if let Some(error) = insert {
            f.tx.expect_insert_account()
                .return_once(move |_| Err(error));
        } else {
            f.tx.expect_insert_account().never();
        }
        f.tx.expect_mark_email_verified().never();
        let created = f.service().sign_up(CODE, details(), &client()).await;
        assert!(
            matches!(created, Err(SignUpWithCodeError::Taken)),
            "{created:?}"
        );
    }
}

#[tokio::test]
async fn a_password_equal_to_the_address_is_refused() {
    let mut f = Fixture::new();
    found_by_digest(&mut f.tx, Some(stored(None, 5)));
    f.tx.expect_consume_code().returning(|_, _| Ok(()));
    f.tx.expect_insert_account().never();
    let mut weak = details();
    weak.password = Password::parse(ADDRESS).unwrap();
    let created = f.service().sign_up(CODE, weak, &client()).await;
    assert!(matches!(created, Err(SignUpWithCodeError::WeakPassword(_))));
}

// Finding the account.

#[tokio::test]
async fn the_code_and_the_password_give_the_public_id() {
    for (password, found) in [("right password", true), ("wrong password", false)] {
        let mut f = Fixture::new();
        found_by_digest(&mut f.tx, Some(stored(Some(4), 5)));
        f.tx.expect_consume_code().times(1).returning(|_, _| Ok(()));
        f.accounts
            .expect_find_by_email()
            .returning(|_| Ok(Some(account(4, ADDRESS))));
        f.hasher
            .expect_verify()
            .returning(|typed, _| Ok(typed == "right password"));
        let result = f.service().find_account(CODE, password, &client()).await;
        match result {
            Ok(id) => assert!(found && id.as_str() == PUBLIC_ID),
            Err(FindAccountError::WrongPassword) => assert!(!found),
            Err(other) => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn an_address_without_a_live_account_is_not_found() {
    let mut f = Fixture::new();
    found_by_digest(&mut f.tx, Some(stored(None, 5)));
    f.tx.expect_consume_code().returning(|_, _| Ok(()));
    f.accounts.expect_find_by_email().returning(|_| Ok(None));
    let result = f.service().find_account(CODE, "anything", &client()).await;
    assert!(matches!(result, Err(FindAccountError::AccountNotFound)));
}

#[tokio::test]
async fn a_guessed_code_finds_nothing() {
    let mut f = Fixture::new();
    found_by_digest(&mut f.tx, None);
    f.accounts.expect_find_by_email().never();
    let throttle = f.throttle.clone();
    let result = f.service().find_account(CODE, "anything", &client()).await;
    assert!(matches!(result, Err(FindAccountError::InvalidCode)));
    assert_eq!(throttle.count(CHECKS), 1, "kept");
}

// Deletion.

fn holding(tx: &mut MockStoreTransaction, code: Option<crate::verification::StoredCode>) {
    tx.expect_lock_current_code()
        .withf(|purpose, target| {
            *purpose == CodePurpose::AccountAccess && target == "caller@example.com"
        })
        .return_once(move |_, _| Ok(code));
}

#[tokio::test]
async fn a_wrong_code_uses_an_attempt_and_deletes_nothing() {
    let mut f = Fixture::new();
    holding(&mut f.tx, Some(stored(Some(1), 5)));
    f.tx.expect_use_code_attempt()
        .with(eq(CodeId(3)))
        .times(1)
        .returning(|_| Ok(()));
    f.tx.expect_mark_account_deleted().never();
    let throttle = f.throttle.clone();
    let result = f
        .service()
        .delete_account(&principal(1, &[]), "WRONGCODE0", &client())
        .await;
    assert!(matches!(result, Err(DeleteWithCodeError::InvalidCode)));
    assert_eq!(throttle.count(CHECKS), 1, "kept");
}

#[tokio::test]
async fn the_right_code_withdraws_the_account() {
    let mut f = Fixture::new();
    holding(&mut f.tx, Some(stored(Some(1), 5)));
    f.tx.expect_consume_code().times(1).returning(|_, _| Ok(()));
    f.tx.expect_mark_account_deleted()
        .with(eq(AccountId(1)), eq(t0()))
        .times(1)
        .returning(|_, _| Ok(true));
    f.tx.expect_revoke_sessions().returning(|_, _, _| Ok(1));
    f.tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    f.tx.expect_release_devices_of_children()
        .returning(|_, _| Ok(0));
    f.tx.expect_delete_children().returning(|_, _| Ok(0));
    f.tx.expect_lock_account()
        .returning(|id| Ok(Some(account(id.0, "caller@example.com"))));
    f.tx.expect_enqueue_message()
        .times(1)
        .returning(|_, _| Ok(()));
    let result = f
        .service()
        .delete_account(&principal(1, &[]), CODE, &client())
        .await;
    assert!(result.is_ok(), "{result:?}");
}

// The security update.

fn google(subject: &str) -> ExternalIdentity {
    ExternalIdentity {
        provider: Provider::Google,
        subject: subject.into(),
    }
}

#[tokio::test]
async fn a_social_login_never_proven_by_the_account_is_refused_before_any_code_is_read() {
    for holder in [None, Some(AccountId(2))] {
        let mut f = Fixture::new();
        f.identities
            .expect_find_account()
            .returning(move |_| Ok(holder));
        f.tx.expect_lock_current_code().never();
        let throttle = f.throttle.clone();
        let update = SecurityUpdate {
            password: None,
            social_login: Some(google("sub-1")),
        };
        let result = f
            .service()
            .update_security(&principal(1, &[]), CODE, update, &client())
            .await;
        assert!(matches!(
            result,
            Err(UpdateSecurityError::SocialLoginNotProven)
        ));
        assert!(throttle.names().is_empty(), "{:?}", throttle.names());
    }
}

#[tokio::test]
async fn a_new_password_with_the_right_code_ends_the_other_sessions() {
    let mut f = Fixture::new();
    f.identities
        .expect_find_account()
        .returning(|_| Ok(Some(AccountId(1))));
    holding(&mut f.tx, Some(stored(Some(1), 5)));
    f.tx.expect_consume_code().times(1).returning(|_, _| Ok(()));
    f.tx.expect_set_password()
        .withf(|id, hash, _| *id == AccountId(1) && hash == "hash(another passphrase)")
        .times(1)
        .returning(|_, _, _| Ok(true));
    f.tx.expect_revoke_sessions()
        .withf(|id, ending, _| {
            *id == AccountId(1)
                && *ending == crate::auth::SessionEnding::AllBut(Some(crate::auth::SessionId(5)))
        })
        .times(1)
        .returning(|_, _, _| Ok(2));
    f.tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    let update = SecurityUpdate {
        password: Password::parse("another passphrase").ok(),
        social_login: Some(google("sub-1")),
    };
    let result = f
        .service()
        .update_security(&principal(1, &[]), CODE, update, &client())
        .await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn nothing_to_change_is_refused() {
    let f = Fixture::new();
    let throttle = f.throttle.clone();
    let result = f
        .service()
        .update_security(
            &principal(1, &[]),
            CODE,
            SecurityUpdate::default(),
            &client(),
        )
        .await;
    assert!(matches!(result, Err(UpdateSecurityError::NothingToChange)));
    assert!(throttle.names().is_empty(), "{:?}", throttle.names());
}
