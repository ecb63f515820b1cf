use std::sync::Arc;

use mockall::predicate::eq;

use super::*;
use crate::accounts::{AccountId, MockAccountProfileRepository, MockAccountRepository};
use crate::notifications::MockNotificationSettingsRepository;
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{clock_at, principal, t0};

fn service(tx: MockStoreTransaction) -> RootUserService {
    RootUserService::new(
        Arc::new(MockAccountRepository::new()),
        Arc::new(MockAccountProfileRepository::new()),
        Arc::new(MockNotificationSettingsRepository::new()),
        Arc::new(clock_at(t0())),
        Arc::new(MockedUnitOfWork::new(tx)),
    )
}

fn nickname(raw: &str) -> Option<Nickname> {
    Nickname::parse(raw).ok()
}

#[tokio::test]
async fn a_free_nickname_and_a_new_phone_are_stored_the_phone_unchecked() {
    let caller = principal(1, &[]);
    let mut tx = MockStoreTransaction::new();
    tx.expect_nickname_held_elsewhere()
        .withf(|except, nick| *except == Some(AccountId(1)) && nick.as_str() == "mireu")
        .returning(|_, _| Ok(false));
    tx.expect_update_profile()
        .withf(|id, patch, now| {
            *id == AccountId(1)
                && patch.nickname.as_ref().map(Nickname::as_str) == Some("mireu")
                && patch.phone.as_ref().map(Phone::as_str) == Some("+821012345678")
                && patch.first_name.as_ref().map(PersonName::as_str) == Some("Mireu")
                && *now == t0()
        })
        .returning(|id, _, _| Ok(Some(crate::testing::account(id.0, "a@example.com"))));
    let info = InfoPatch {
        first_name: PersonName::parse("Mireu").ok(),
        nickname: nickname("mireu"),
        phone: Phone::parse("+82 10-1234-5678").ok(),
        ..InfoPatch::default()
    };
    assert!(service(tx).update_info(&caller, info).await.is_ok());
}

#[tokio::test]
async fn a_nickname_another_account_holds_is_refused_and_nothing_changes() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_nickname_held_elsewhere()
        .returning(|_, _| Ok(true));
    tx.expect_update_profile().never();
    let info = InfoPatch {
        nickname: nickname("taken"),
        ..InfoPatch::default()
    };
    let result = service(tx).update_info(&principal(1, &[]), info).await;
    assert!(matches!(result, Err(UpdateInfoError::NicknameTaken)));
}

#[tokio::test]
async fn what_the_account_holds_already_is_left_out_so_a_checked_phone_stays_checked() {
    let mut caller = principal(1, &[]);
    caller.account.phone = Phone::parse("+821012345678").ok();
    caller.account.is_phone_number_checked = true;
    caller.account.nickname = Some("mireu".into());
    let mut tx = MockStoreTransaction::new();
    tx.expect_update_profile().never();
    tx.expect_nickname_held_elsewhere().never();
    let info = InfoPatch {
        nickname: nickname("mireu"),
        phone: Phone::parse("+821012345678").ok(),
        ..InfoPatch::default()
    };
    let account = service(tx).update_info(&caller, info).await;
    assert_eq!(account.map(|a| a.is_phone_number_checked).ok(), Some(true));
}

#[tokio::test]
async fn an_account_deleted_meanwhile_is_reported() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_update_profile()
        .with(eq(AccountId(1)), mockall::predicate::always(), eq(t0()))
        .returning(|_, _, _| Ok(None));
    let info = InfoPatch {
        last_name: PersonName::parse("Lim").ok(),
        ..InfoPatch::default()
    };
    let result = service(tx).update_info(&principal(1, &[]), info).await;
    assert!(matches!(result, Err(UpdateInfoError::AccountDeleted)));
}
