//! A password reset as the domain runs it (`recovery::reset_with_token`, one unit of work)
//! over the store's operations: the token judged under lock, the password set, the email
//! verified, every session ended and the token spent, all or nothing.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::delivery::{Locale, MessageParams, TemplateId};
use account_domain::outbox::{OutgoingMessage, QueuedMessage};
use account_domain::recovery::{ResetOutcome, reset_with_token};
use account_domain::store::{Repositories, transact};
use account_domain::values::Password;
use account_domain::verification::{CodePurpose, IssueOutcome, NewVerificationCode};
use chrono::{DateTime, Duration, Utc};

use super::fixtures::{logged_in, secs, t0};

const OWNER: &str = "owner@example.com";

async fn issue_reset(repos: &Repositories, account: Option<AccountId>, digest: &str) {
    let token = NewVerificationCode {
        purpose: CodePurpose::PasswordReset,
        target: OWNER.into(),
        account_id: account,
        code_digest: digest.into(),
        created_at: t0(),
        expires_at: t0() + Duration::minutes(30),
        attempts: 5,
    };
    let email = OutgoingMessage::email(
        OWNER,
        TemplateId::PasswordReset,
        Locale::Ko,
        MessageParams::new()
            .secret("link", "https://app.example/reset?token=T")
            .secret("code", "T")
            .plain("minutes", "30"),
    );
    let issued = repos
        .codes
        .issue(&token, Duration::seconds(60), QueuedMessage::send(email))
        .await
        .expect("issue");
    assert_eq!(issued, IssueOutcome::Issued);
}

async fn present(repos: &Repositories, digest: &str, at: DateTime<Utc>) -> ResetOutcome {
    let digest = digest.to_owned();
    transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            let password = Password::parse("a brand new passphrase").expect("valid");
            reset_with_token(tx, OWNER, &digest, &password, "$argon2id$reset", at).await
        })
    })
    .await
    .expect("the unit of work runs")
}

pub async fn a_reset_sets_the_password_verifies_the_email_and_ends_every_session(
    repos: &Repositories,
) {
    let session = logged_in(repos, OWNER, "refresh-digest").await;
    let account = session.account_id;
    issue_reset(repos, Some(account), "right").await;

    let at = t0() + secs(60);
    assert_eq!(
        present(repos, "right", at).await,
        ResetOutcome::Reset {
            account,
            revoked: 1
        }
    );
    let stored = repos
        .accounts
        .find_by_id(account)
        .await
        .expect("read")
        .expect("the account");
    assert_eq!(stored.password_hash.as_deref(), Some("$argon2id$reset"));
    assert!(stored.email_verified, "the reset proved the address");
    assert_eq!(stored.tokens_valid_after, at, "older access tokens end");
    assert_eq!(stored.password_changed_at, Some(at));
    let sessions = repos.sessions.list_active(account, at).await.expect("list");
    assert!(sessions.is_empty(), "{sessions:?}");

    assert_eq!(
        present(repos, "right", at + secs(1)).await,
        ResetOutcome::Refused { guessed: true },
        "a token works once"
    );
}

pub async fn wrong_reset_tokens_spend_the_token_and_change_nothing(repos: &Repositories) {
    let session = logged_in(repos, OWNER, "refresh-digest").await;
    let account = session.account_id;
    let before = repos.accounts.find_by_id(account).await.expect("read");
    issue_reset(repos, Some(account), "right").await;
    for _ in 0..5 {
        assert_eq!(
            present(repos, "wrong", t0() + secs(1)).await,
            ResetOutcome::Refused { guessed: true }
        );
    }
    assert_eq!(
        present(repos, "right", t0() + secs(2)).await,
        ResetOutcome::Refused { guessed: false },
        "five wrong tokens spend it"
    );
    assert_eq!(
        repos.accounts.find_by_id(account).await.expect("read"),
        before
    );
    let sessions = repos
        .sessions
        .list_active(account, t0() + secs(2))
        .await
        .expect("list");
    assert_eq!(sessions.len(), 1);
}

pub async fn an_expired_reset_token_is_refused(repos: &Repositories) {
    let session = logged_in(repos, OWNER, "refresh-digest").await;
    issue_reset(repos, Some(session.account_id), "right").await;
    assert_eq!(
        present(repos, "right", t0() + Duration::minutes(30)).await,
        ResetOutcome::Refused { guessed: false }
    );
    let stored = repos
        .accounts
        .find_by_id(session.account_id)
        .await
        .expect("read")
        .expect("the account");
    assert!(!stored.email_verified);
}
