use std::sync::Arc;

use mockall::predicate::eq;

use super::*;
use crate::accounts::MockAccountRepository;
use crate::auth::{MockPasswordHasher, SessionId};
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{account, clock_at, principal, t0};
use crate::values::Role;
use crate::verification::IssueOutcome;
use crate::verification::test_fixture::Fixture as CodeFixture;

struct Fixture {
    accounts: MockAccountRepository,
    hasher: MockPasswordHasher,
    tx: MockStoreTransaction,
    codes: CodeFixture,
}

impl Fixture {
    fn new() -> Self {
        let mut accounts = MockAccountRepository::new();
        accounts
            .expect_find_by_id()
            .returning(|id| Ok(Some(account(id.0, "caller@example.com"))));
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_verify()
            .returning(|given, _| Ok(given == "current password"));
        hasher
            .expect_hash()
            .returning(|p| Ok(format!("hash({})", p.expose())));
        Self {
            accounts,
            hasher,
            tx: MockStoreTransaction::new(),
            codes: CodeFixture::new(),
        }
    }

    fn profile_updated(mut self) -> Self {
        self.tx
            .expect_update_profile()
            .withf(|id, patch, now| {
                *id == AccountId(1)
                    && patch.name.as_deref() == Some("Han Taewoong")
                    && patch.introduce.as_ref().map(Introduce::as_str) == Some("hello")
                    && *now == t0()
            })
            .times(1)
            .returning(|id, _, _| Ok(Some(account(id.0, "han@example.com"))));
        self
    }

    fn editor(self) -> AccountEditor {
        AccountEditor::new(
            Arc::new(self.accounts),
            Arc::new(self.hasher),
            Arc::new(MockedUnitOfWork::new(self.tx)),
            Arc::new(self.codes.service()),
            Arc::new(clock_at(t0())),
        )
    }
}

fn replacement(email: &str, password: &str) -> AccountReplacement {
    AccountReplacement {
        name: "Han Taewoong".into(),
        email: Email::parse(email).unwrap(),
        password: password.into(),
        birthdate: Birthdate::from_date(
            chrono::NaiveDate::from_ymd_opt(1994, 5, 20).unwrap(),
            t0().date_naive(),
        )
        .unwrap(),
        introduce: Introduce::parse("hello").unwrap(),
    }
}

#[tokio::test]
async fn the_current_password_and_email_change_only_the_plain_fields() {
    let mut f = Fixture::new().profile_updated();
    f.tx.expect_set_password().never();
    f.tx.expect_set_unverified_email().never();
    let (_, replaced) = f
        .editor()
        .replace(
            &principal(1, &[]),
            AccountId(1),
            replacement("CALLER@example.com", "current password"),
            &ClientInfo::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        replaced,
        Replaced {
            email_changed: false,
            password_changed: false
        }
    );
}

#[tokio::test]
async fn a_new_password_ends_every_other_session() {
    let mut f = Fixture::new().profile_updated();
    f.tx.expect_set_password()
        .with(eq(AccountId(1)), eq("hash(a new passphrase)"), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(true));
    let others = SessionEnding::AllBut(Some(SessionId(5)));
    f.tx.expect_revoke_sessions()
        .with(eq(AccountId(1)), eq(others), eq(t0()))
        .times(1)
        .returning(|_, _, _| Ok(2));
    f.tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    let (_, replaced) = f
        .editor()
        .replace(
            &principal(1, &[]),
            AccountId(1),
            replacement("caller@example.com", "a new passphrase"),
            &ClientInfo::default(),
        )
        .await
        .unwrap();
    assert!(replaced.password_changed);
}

#[tokio::test]
async fn a_weak_new_password_writes_nothing() {
    // No store operation is expected: any write would fail the mock.
    for weak in ["short", "password123"] {
        let result = Fixture::new()
            .editor()
            .replace(
                &principal(1, &[]),
                AccountId(1),
                replacement("caller@example.com", weak),
                &ClientInfo::default(),
            )
            .await;
        assert!(
            matches!(result, Err(ReplaceAccountError::WeakPassword(_))),
            "{weak}"
        );
    }
}

#[tokio::test]
async fn a_new_email_is_unverified_and_gets_a_code() {
    let mut f = Fixture::new().profile_updated();
    f.tx.expect_email_held_elsewhere()
        .returning(|_, _| Ok(false));
    f.tx.expect_set_unverified_email()
        .withf(|id, email, _| *id == AccountId(1) && email.as_str() == "new@example.com")
        .times(1)
        .returning(|_, _, _| Ok(true));
    let throttle = f.codes.throttle.clone();
    f.codes.accounts.expect_find_by_email().returning(|_| {
        let mut changed = account(1, "new@example.com");
        changed.email_verified = false;
        Ok(Some(changed))
    });
    f.codes
        .codes
        .expect_issue()
        .withf(|code, _, message| code.target == "new@example.com" && !message.suppressed)
        .times(1)
        .returning(|_, _, _| Ok(IssueOutcome::Issued));
    let (_, replaced) = f
        .editor()
        .replace(
            &principal(1, &[]),
            AccountId(1),
            replacement("new@example.com", "current password"),
            &ClientInfo::default(),
        )
        .await
        .unwrap();
    assert!(replaced.email_changed);
    let sent_to = "code-send:target:new@example.com";
    assert_eq!(throttle.count(sent_to), 1, "the code counts as a send");
}

#[tokio::test]
async fn an_email_another_account_holds_rolls_everything_back() {
    let mut f = Fixture::new().profile_updated();
    f.tx.expect_email_held_elsewhere()
        .returning(|_, _| Ok(true));
    f.tx.expect_set_unverified_email().never();
    f.codes.codes.expect_issue().never();
    let result = f
        .editor()
        .replace(
            &principal(1, &[]),
            AccountId(1),
            replacement("taken@example.com", "current password"),
            &ClientInfo::default(),
        )
        .await;
    assert!(matches!(result, Err(ReplaceAccountError::EmailTaken)));
}

#[tokio::test]
async fn another_users_account_is_refused_unless_staff() {
    let mut f = Fixture::new();
    f.tx.expect_update_profile().never();
    let refused = f
        .editor()
        .replace(
            &principal(2, &[]),
            AccountId(1),
            replacement("caller@example.com", "current password"),
            &ClientInfo::default(),
        )
        .await;
    assert!(matches!(refused, Err(ReplaceAccountError::Forbidden)));

    let mut staff = Fixture::new().profile_updated();
    staff.tx.expect_set_password().never();
    let done = staff
        .editor()
        .replace(
            &principal(2, &[Role::Staff]),
            AccountId(1),
            replacement("caller@example.com", "current password"),
            &ClientInfo::default(),
        )
        .await;
    assert!(done.is_ok(), "{done:?}");
}
