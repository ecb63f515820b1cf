//! Checking: acceptance and consumption, wrong codes, expiry, no code.

use account_domain::store::Repositories;
use account_domain::verification::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome};
use chrono::Duration;

use super::{EMAIL, attempt, attempted, issue};
use crate::contract::fixtures::{registered, secs, t0};

pub async fn an_accepted_code_verifies_the_email_and_is_consumed(repos: &Repositories) {
    let account = registered(repos, "verify@example.com").await;
    let target = "verify@example.com";
    assert_eq!(
        issue(repos, EMAIL, target, Some(account.id), "good", t0()).await,
        IssueOutcome::Issued
    );

    let at = t0() + secs(30);
    let outcome = attempt(repos, EMAIL, target, "good", &CodeEffect::VerifyEmail, at).await;
    assert_eq!(
        outcome,
        AttemptOutcome::Accepted {
            account_id: Some(account.id)
        }
    );
    let verified = repos
        .accounts
        .find_by_id(account.id)
        .await
        .expect("find")
        .expect("exists");
    assert!(verified.email_verified);
    assert_eq!(verified.updated_at, at);

    let again = attempt(
        repos,
        EMAIL,
        target,
        "good",
        &CodeEffect::VerifyEmail,
        at + secs(1),
    )
    .await;
    assert_eq!(again, AttemptOutcome::NotFound, "a code is used once");
}

pub async fn wrong_codes_use_attempts_until_exhausted(repos: &Repositories) {
    let target = "guess@example.com";
    issue(repos, EMAIL, target, None, "right", t0()).await;
    for left in (0..5).rev() {
        let outcome = attempt(
            repos,
            EMAIL,
            target,
            "wrong",
            &CodeEffect::None,
            t0() + secs(1),
        )
        .await;
        assert_eq!(
            outcome,
            AttemptOutcome::Mismatch {
                attempts_left: left
            }
        );
    }
    assert_eq!(
        attempt(
            repos,
            EMAIL,
            target,
            "wrong",
            &CodeEffect::None,
            t0() + secs(2)
        )
        .await,
        AttemptOutcome::Exhausted
    );
    assert_eq!(
        attempt(
            repos,
            EMAIL,
            target,
            "right",
            &CodeEffect::None,
            t0() + secs(2)
        )
        .await,
        AttemptOutcome::Exhausted,
        "even the right code"
    );
}

pub async fn concurrent_wrong_codes_each_use_an_attempt(repos: &Repositories) {
    let target = "crowd@example.com";
    issue(repos, EMAIL, target, None, "right", t0()).await;
    let guesses: Vec<_> = (0..5)
        .map(|n| {
            let repos = repos.clone();
            tokio::spawn(async move {
                attempted(
                    &repos,
                    EMAIL,
                    target,
                    &format!("wrong-{n}"),
                    &CodeEffect::None,
                    t0() + secs(1),
                )
                .await
            })
        })
        .collect();
    let mut left = Vec::new();
    for guess in guesses {
        match guess.await.expect("the task completes").expect("attempt") {
            AttemptOutcome::Mismatch { attempts_left } => left.push(attempts_left),
            other => panic!("unexpected {other:?}"),
        }
    }
    left.sort_unstable();
    assert_eq!(left, vec![0, 1, 2, 3, 4], "each guess used its own attempt");
    assert_eq!(
        attempt(
            repos,
            EMAIL,
            target,
            "right",
            &CodeEffect::None,
            t0() + secs(2)
        )
        .await,
        AttemptOutcome::Exhausted
    );
}

pub async fn an_expired_code_is_expired(repos: &Repositories) {
    let target = "late@example.com";
    issue(repos, EMAIL, target, None, "right", t0()).await;
    let expiry = t0() + Duration::minutes(10);
    assert_eq!(
        attempt(repos, EMAIL, target, "right", &CodeEffect::None, expiry).await,
        AttemptOutcome::Expired
    );
    assert_eq!(
        attempt(repos, EMAIL, target, "wrong", &CodeEffect::None, expiry).await,
        AttemptOutcome::Expired
    );
    let just_before = expiry - Duration::seconds(1);
    assert_eq!(
        attempt(
            repos,
            EMAIL,
            target,
            "right",
            &CodeEffect::None,
            just_before
        )
        .await,
        AttemptOutcome::Accepted { account_id: None }
    );
}

pub async fn no_code_is_not_found(repos: &Repositories) {
    let target = "nobody@example.com";
    assert_eq!(
        attempt(repos, EMAIL, target, "any", &CodeEffect::None, t0()).await,
        AttemptOutcome::NotFound
    );
    issue(repos, EMAIL, target, None, "right", t0()).await;
    assert_eq!(
        attempt(
            repos,
            CodePurpose::PasswordReset,
            target,
            "right",
            &CodeEffect::None,
            t0()
        )
        .await,
        AttemptOutcome::NotFound
    );
    assert_eq!(
        attempt(
            repos,
            EMAIL,
            "someone@example.com",
            "right",
            &CodeEffect::None,
            t0()
        )
        .await,
        AttemptOutcome::NotFound
    );
}
