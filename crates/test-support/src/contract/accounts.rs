//! `AccountRepository`: creation, lookups, uniqueness among live accounts, soft deletion.

use std::sync::Arc;

use account_domain::accounts::{Account, AccountId, CreateAccountError, RegisterType};
use account_domain::store::Repositories;
use account_domain::values::{Birthdate, Gender, Role, Roles};
use chrono::NaiveDate;
use tokio::sync::Barrier;

use super::fixtures::{email, logged_in, login_id, new_account, phone, registered, secs, t0};
use crate::contract::fixtures::withdrawn;

pub async fn create_stores_every_field(repos: &Repositories) {
    let mut new = new_account("Ann.Lee@Example.com", Some("Ann_Lee"));
    new.name = Some("Ann Lee".into());
    new.first_name = Some("Ann".into());
    new.last_name = Some("Lee".into());
    new.birthdate = Some(Birthdate::from_stored(
        NaiveDate::from_ymd_opt(1990, 5, 17).expect("a date"),
    ));
    new.gender = Some(Gender::Female);
    new.phone = Some(phone("+821012345678"));
    new.roles = Roles::new([Role::Admin, Role::User]);

    let created = repos.accounts.create(&new).await.expect("create");

    let expected = Account {
        id: created.id,
        public_id: new.public_id.clone(),
        email: new.email.clone(),
        login_id: new.login_id.clone(),
        nickname: None,
        password_hash: new.password_hash.clone(),
        name: new.name.clone(),
        first_name: new.first_name.clone(),
        last_name: new.last_name.clone(),
        birthdate: new.birthdate,
        gender: new.gender,
        phone: new.phone.clone(),
        is_phone_number_checked: false,
        register_type: RegisterType::Email,
        national_code: None,
        locale: None,
        introduce: None,
        email_verified: false,
        profile_image_key: None,
        roles: new.roles.clone(),
        password_changed_at: Some(t0()),
        tokens_valid_after: t0(),
        created_at: t0(),
        updated_at: t0(),
        deleted_at: None,
        banned_at: None,
        anonymized_at: None,
    };
    assert_eq!(created, expected);
    assert_eq!(
        repos.accounts.find_by_id(created.id).await.expect("find"),
        Some(expected)
    );
    let other = registered(repos, "other@example.com").await;
    assert_ne!(
        other.id, created.id,
        "ids are assigned by the store, one per account"
    );
}

pub async fn social_accounts_have_no_password_change_time(repos: &Repositories) {
    let mut new = new_account("social@example.com", None);
    new.password_hash = None;
    new.register_type = RegisterType::Google;
    let created = repos.accounts.create(&new).await.expect("create");
    assert_eq!(
        (created.password_hash, created.password_changed_at),
        (None, None)
    );
    assert_eq!(created.register_type, RegisterType::Google);
}

pub async fn finds_by_email_and_login_id_whatever_their_case(repos: &Repositories) {
    let created = repos
        .accounts
        .create(&new_account("Mixed.Case@Example.com", Some("MixedCase")))
        .await
        .expect("create");
    for lookup in [
        "mixed.case@example.com",
        "MIXED.CASE@EXAMPLE.COM",
        "Mixed.Case@Example.com",
    ] {
        let found = repos
            .accounts
            .find_by_email(&email(lookup))
            .await
            .expect("find");
        assert_eq!(found.map(|a| a.id), Some(created.id), "{lookup}");
    }
    for lookup in ["mixedcase", "MIXEDCASE"] {
        let found = repos
            .accounts
            .find_by_login_id(&login_id(lookup))
            .await
            .expect("find");
        assert_eq!(found.map(|a| a.id), Some(created.id), "{lookup}");
    }
    let found = repos
        .accounts
        .find_by_email(&email("Mixed.Case@Example.com"))
        .await
        .expect("find");
    assert_eq!(
        found.map(|a| a.email.as_str().to_owned()).as_deref(),
        Some("Mixed.Case@Example.com"),
        "stored as typed"
    );
}

pub async fn unknown_accounts_are_not_found(repos: &Repositories) {
    registered(repos, "known@example.com").await;
    assert_eq!(
        repos
            .accounts
            .find_by_id(AccountId(987_654))
            .await
            .expect("find"),
        None
    );
    assert_eq!(
        repos
            .accounts
            .find_by_email(&email("unknown@example.com"))
            .await
            .expect("find"),
        None
    );
    assert_eq!(
        repos
            .accounts
            .find_by_login_id(&login_id("nobody"))
            .await
            .expect("find"),
        None
    );
}

pub async fn an_email_is_taken_whatever_its_case(repos: &Repositories) {
    registered(repos, "taken@example.com").await;
    let again = repos
        .accounts
        .create(&new_account("TAKEN@Example.COM", Some("someone")))
        .await;
    assert!(
        matches!(again, Err(CreateAccountError::EmailTaken)),
        "{again:?}"
    );
    assert_eq!(
        repos
            .accounts
            .find_by_login_id(&login_id("someone"))
            .await
            .expect("find"),
        None,
        "nothing was stored"
    );
}

pub async fn a_login_id_is_taken_whatever_its_case(repos: &Repositories) {
    repos
        .accounts
        .create(&new_account("first@example.com", Some("handle")))
        .await
        .expect("create");
    let again = repos
        .accounts
        .create(&new_account("second@example.com", Some("HANDLE")))
        .await;
    assert!(
        matches!(again, Err(CreateAccountError::LoginIdTaken)),
        "{again:?}"
    );
}

pub async fn racing_registrations_of_one_email_let_exactly_one_win(repos: &Repositories) {
    for round in 0..10 {
        let start = Arc::new(Barrier::new(2));
        let racers = [
            format!("race{round}@example.com"),
            format!("RACE{round}@example.com"),
        ]
        .map(|address| {
            let (repos, start) = (repos.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                repos.accounts.create(&new_account(&address, None)).await
            })
        });
        let mut won = 0;
        for racer in racers {
            match racer.await.expect("the task completes") {
                Ok(_) => won += 1,
                Err(CreateAccountError::EmailTaken) => {}
                Err(other) => panic!("round {round}: unexpected {other:?}"),
            }
        }
        assert_eq!(won, 1, "round {round}: exactly one registration wins");
    }
}

pub async fn soft_delete_releases_email_and_login_id(repos: &Repositories) {
    let first = repos
        .accounts
        .create(&new_account("reuse@example.com", Some("reused")))
        .await
        .expect("create");
    let deleted_at = t0() + secs(60);
    assert!(withdrawn(repos, first.id, deleted_at).await);

    assert_eq!(
        repos
            .accounts
            .find_by_email(&email("reuse@example.com"))
            .await
            .expect("find"),
        None
    );
    assert_eq!(
        repos
            .accounts
            .find_by_login_id(&login_id("reused"))
            .await
            .expect("find"),
        None
    );
    let kept = repos
        .accounts
        .find_by_id(first.id)
        .await
        .expect("find")
        .expect("the row stays");
    assert_eq!(kept.deleted_at, Some(deleted_at));

    let second = repos
        .accounts
        .create(&new_account("REUSE@example.com", Some("Reused")))
        .await
        .expect("re-registration");
    assert_ne!(second.id, first.id);
    assert_eq!(
        repos
            .accounts
            .find_by_email(&email("reuse@example.com"))
            .await
            .expect("find")
            .map(|a| a.id),
        Some(second.id)
    );
    assert_eq!(
        repos
            .accounts
            .find_by_login_id(&login_id("reused"))
            .await
            .expect("find")
            .map(|a| a.id),
        Some(second.id)
    );

    assert!(
        !withdrawn(repos, first.id, deleted_at).await,
        "already deleted"
    );
    assert!(
        !withdrawn(repos, AccountId(987_654), deleted_at).await,
        "never existed"
    );
}

pub async fn soft_delete_revokes_sessions_and_ends_tokens(repos: &Repositories) {
    let session = logged_in(repos, "leaving@example.com", "digest-leaving").await;
    let deleted_at = t0() + secs(30);
    assert!(withdrawn(repos, session.account_id, deleted_at).await);

    let account = repos
        .accounts
        .find_by_id(session.account_id)
        .await
        .expect("find")
        .expect("the row stays");
    assert_eq!(account.tokens_valid_after, deleted_at);
    let revoked = repos
        .sessions
        .find(session.id)
        .await
        .expect("find")
        .expect("the session stays");
    assert_eq!(revoked.revoked_at, Some(deleted_at));
    assert!(
        repos
            .sessions
            .list_active(session.account_id, deleted_at)
            .await
            .expect("list")
            .is_empty()
    );
}
