//! `AccountProfileRepository`: a patch changes only its fields, and only on a live account.

use account_domain::UnexpectedError;
use account_domain::accounts::{Account, AccountId, ProfilePatch};
use account_domain::store::Repositories;
use account_domain::store::transact;
use account_domain::values::{Gender, Introduce, Nickname, Phone};

use super::fixtures::{new_account, secs, t0};
use super::lux_fixtures::{birthdate, name};
use crate::contract::fixtures::withdrawn;

async fn with_profile(repos: &Repositories) -> Account {
    let mut new = new_account("profile@example.com", None);
    new.first_name = Some("Ann".into());
    new.last_name = Some("Lee".into());
    new.birthdate = Some(birthdate(1990, 5, 17));
    new.gender = Some(Gender::Female);
    repos.accounts.create(&new).await.expect("create")
}

pub async fn update_profile_sets_only_the_given_fields(repos: &Repositories) {
    let account = with_profile(repos).await;
    let at = t0() + secs(60);
    let first_name_only = ProfilePatch {
        first_name: Some(name("James")),
        ..ProfilePatch::default()
    };

    let updated = repos
        .profiles
        .update_profile(account.id, &first_name_only, at)
        .await
        .expect("update");

    let expected = Account {
        first_name: Some("James".into()),
        updated_at: at,
        ..account.clone()
    };
    assert_eq!(updated, Some(expected.clone()));
    assert_eq!(
        repos.accounts.find_by_id(account.id).await.expect("find"),
        Some(expected.clone())
    );

    let rest = ProfilePatch {
        name: Some("Kim Display".into()),
        first_name: None,
        last_name: Some(Some(name("Kim"))),
        birthdate: Some(birthdate(1997, 1, 1)),
        gender: Some(Gender::PreferNotToSay),
        introduce: Some(Introduce::parse("안녕 나는 코딩하는 오징어야").expect("an introduction")),
        nickname: None,
        phone: None,
    };
    let later = at + secs(60);
    let updated = repos
        .profiles
        .update_profile(account.id, &rest, later)
        .await
        .expect("update");
    assert_eq!(
        updated,
        Some(Account {
            name: Some("Kim Display".into()),
            last_name: Some("Kim".into()),
            birthdate: Some(birthdate(1997, 1, 1)),
            gender: Some(Gender::PreferNotToSay),
            introduce: Some("안녕 나는 코딩하는 오징어야".into()),
            updated_at: later,
            ..expected
        }),
        "the first name set before stays"
    );

    let no_last_name = ProfilePatch {
        last_name: Some(None),
        ..ProfilePatch::default()
    };
    let updated = repos
        .profiles
        .update_profile(account.id, &no_last_name, later)
        .await
        .expect("update")
        .expect("live");
    assert_eq!(
        updated.last_name.as_deref(),
        Some(""),
        "no last name is an answer, kept apart from never given"
    );
}

pub async fn a_nickname_and_a_new_phone_are_set_the_phone_unchecked(repos: &Repositories) {
    let account = with_profile(repos).await;
    let checked = Phone::parse("+821011112222").expect("a phone");
    let set = transact::<_, UnexpectedError, _>(&*repos.unit_of_work, {
        let (id, checked) = (account.id, checked.clone());
        move |tx| Box::pin(async move { tx.set_checked_phone(id, &checked, t0()).await })
    })
    .await;
    assert_eq!(set.ok(), Some(true));
    let patch = ProfilePatch {
        nickname: Some(Nickname::parse("mireu").expect("a nickname")),
        phone: Some(Phone::parse("+821033334444").expect("a phone")),
        ..ProfilePatch::default()
    };
    let at = t0() + secs(60);
    let updated = repos
        .profiles
        .update_profile(account.id, &patch, at)
        .await
        .expect("update")
        .expect("live");
    assert_eq!(updated.nickname.as_deref(), Some("mireu"));
    assert_eq!(
        updated.phone.as_ref().map(Phone::as_str),
        Some("+821033334444")
    );
    assert!(!updated.is_phone_number_checked);
    assert_eq!(updated.first_name.as_deref(), Some("Ann"), "the rest stays");
}

pub async fn update_profile_refuses_deleted_and_unknown_accounts(repos: &Repositories) {
    let account = with_profile(repos).await;
    let deleted_at = t0() + secs(30);
    assert!(withdrawn(repos, account.id, deleted_at).await);
    let patch = ProfilePatch {
        first_name: Some(name("James")),
        ..ProfilePatch::default()
    };

    assert_eq!(
        repos
            .profiles
            .update_profile(account.id, &patch, t0() + secs(60))
            .await
            .expect("update"),
        None
    );
    let kept = repos
        .accounts
        .find_by_id(account.id)
        .await
        .expect("find")
        .expect("the row stays");
    assert_eq!(
        (kept.first_name.as_deref(), kept.updated_at),
        (Some("Ann"), deleted_at),
        "nothing was written"
    );
    assert_eq!(
        repos
            .profiles
            .update_profile(AccountId(987_654), &patch, t0())
            .await
            .expect("update"),
        None
    );
}
