//! Issuing: cooldown, supersession, and the message queued with the code.

use std::sync::Arc;

use account_domain::delivery::{Locale, MessageParams, TemplateId};
use account_domain::outbox::{Channel, OutgoingMessage, QueuedMessage};
use account_domain::store::Repositories;
use account_domain::verification::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome};
use tokio::sync::Barrier;

use super::{COOLDOWN, EMAIL, attempt, issue};
use crate::contract::fixtures::{new_code, secs, suppressed_code_email, t0};

pub async fn a_resend_within_the_cooldown_is_refused(repos: &Repositories) {
    let target = "cooldown@example.com";
    assert_eq!(
        issue(repos, EMAIL, target, None, "first", t0()).await,
        IssueOutcome::Issued
    );
    let refused = issue(repos, EMAIL, target, None, "refused", t0() + secs(59)).await;
    assert_eq!(
        refused,
        IssueOutcome::CoolingDown {
            retry_at: t0() + COOLDOWN
        }
    );
    let outcome = attempt(
        repos,
        EMAIL,
        target,
        "refused",
        &CodeEffect::None,
        t0() + secs(59),
    )
    .await;
    assert_eq!(
        outcome,
        AttemptOutcome::Mismatch { attempts_left: 4 },
        "the refused code was not stored"
    );

    assert_eq!(
        issue(
            repos,
            EMAIL,
            "elsewhere@example.com",
            None,
            "x",
            t0() + secs(1)
        )
        .await,
        IssueOutcome::Issued,
        "per target"
    );
    assert_eq!(
        issue(
            repos,
            CodePurpose::PasswordReset,
            target,
            None,
            "y",
            t0() + secs(1)
        )
        .await,
        IssueOutcome::Issued,
        "per purpose"
    );
    assert_eq!(
        issue(repos, EMAIL, target, None, "second", t0() + COOLDOWN).await,
        IssueOutcome::Issued,
        "after the cooldown"
    );
}

pub async fn a_new_code_supersedes_the_previous_one(repos: &Repositories) {
    let target = "supersede@example.com";
    issue(repos, EMAIL, target, None, "first", t0()).await;
    assert_eq!(
        issue(repos, EMAIL, target, None, "second", t0() + COOLDOWN).await,
        IssueOutcome::Issued
    );

    let at = t0() + COOLDOWN + secs(1);
    assert_eq!(
        attempt(repos, EMAIL, target, "first", &CodeEffect::None, at).await,
        AttemptOutcome::Mismatch { attempts_left: 4 }
    );
    assert_eq!(
        attempt(repos, EMAIL, target, "second", &CodeEffect::None, at).await,
        AttemptOutcome::Accepted { account_id: None }
    );
}

pub async fn the_message_is_queued_with_the_code(repos: &Repositories) {
    let message = OutgoingMessage::email(
        "mail@example.com",
        TemplateId::VerificationCode,
        Locale::Ko,
        MessageParams::new()
            .secret("code", "123456")
            .plain("minutes", "10"),
    );
    let code = new_code(EMAIL, "mail@example.com", None, "d", t0());
    assert_eq!(
        repos
            .codes
            .issue(&code, COOLDOWN, QueuedMessage::send(message.clone()))
            .await
            .expect("issue"),
        IssueOutcome::Issued
    );

    let pending = repos.outbox.pending().await.expect("pending");
    assert_eq!(pending.len(), 1);
    assert_eq!(
        (
            &pending[0].message,
            pending[0].message.channel(),
            pending[0].attempts,
            pending[0].created_at
        ),
        (&message, Channel::Email, 0, t0())
    );

    let resend = new_code(EMAIL, "mail@example.com", None, "d2", t0() + secs(1));
    let refused = repos
        .codes
        .issue(&resend, COOLDOWN, QueuedMessage::send(message))
        .await
        .expect("issue");
    assert!(matches!(refused, IssueOutcome::CoolingDown { .. }));
    issue(repos, EMAIL, "silent@example.com", None, "d3", t0()).await;
    assert_eq!(
        repos.outbox.pending().await.expect("pending").len(),
        1,
        "nothing queued on cooldown, and a suppressed message is never pending"
    );
}

pub async fn concurrent_issues_for_one_target_issue_once(repos: &Repositories) {
    for round in 0..10 {
        let target = format!("burst{round}@example.com");
        let start = Arc::new(Barrier::new(2));
        let issues = [0, 1].map(|n| {
            let (repos, start) = (repos.clone(), start.clone());
            let code = new_code(EMAIL, &target, None, &format!("code-{n}"), t0() + secs(n));
            let message = suppressed_code_email(&target);
            tokio::spawn(async move {
                start.wait().await;
                repos.codes.issue(&code, COOLDOWN, message).await
            })
        });
        let mut issued = 0;
        for issue in issues {
            match issue.await.expect("the task completes").expect("issue") {
                IssueOutcome::Issued => issued += 1,
                IssueOutcome::CoolingDown { retry_at } => {
                    assert!(
                        retry_at > t0() && retry_at <= t0() + secs(1) + COOLDOWN,
                        "round {round}: {retry_at}"
                    )
                }
            }
        }
        assert_eq!(issued, 1, "round {round}: exactly one code is issued");
    }
}

/// Issue 7, point 9: a code for an address with an unverified account and one for any other
/// address do the same store work, each one outbox row with the same columns filled; the
/// suppressed one is claimed like the other and never pending for delivery.
pub async fn a_suppressed_code_message_is_written_like_a_sent_one(repos: &Repositories) {
    let sent = OutgoingMessage::email(
        "known@example.com",
        TemplateId::VerificationCode,
        Locale::Ko,
        MessageParams::new()
            .secret("code", "111111")
            .plain("minutes", "10"),
    );
    let known = new_code(EMAIL, "known@example.com", None, "d1", t0());
    let unknown = new_code(EMAIL, "unknown@example.com", None, "d2", t0());
    for (code, message) in [
        (known, QueuedMessage::send(sent)),
        (unknown, suppressed_code_email("unknown@example.com")),
    ] {
        let issued = repos.codes.issue(&code, COOLDOWN, message).await;
        assert_eq!(issued.expect("issue"), IssueOutcome::Issued);
    }

    let claimed = repos
        .outbox
        .claim_due(t0(), 10, secs(60))
        .await
        .expect("claim");
    let rows: Vec<(&str, bool, usize, usize)> = claimed
        .iter()
        .map(|m| {
            let params = m.message.params();
            (
                m.message.recipient(),
                m.suppressed,
                params.plain.len(),
                params.secret.len(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("known@example.com", false, 1, 1),
            ("unknown@example.com", true, 1, 1)
        ]
    );
    let pending = repos.outbox.pending().await.expect("pending");
    assert_eq!(pending.len(), 1, "the suppressed one is never to deliver");
}
