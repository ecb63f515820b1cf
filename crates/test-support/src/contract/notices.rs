//! Notices queued inside a unit of work (`StoreTransaction::enqueue_message`) and the account
//! they are addressed from (`StoreTransaction::lock_account`): sent only with the change they
//! announce, as withdrawal and the phone change use them.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::delivery::{Locale, MessageParams, TemplateId};
use account_domain::outbox::{Channel, OutboxMessage, OutgoingMessage};
use account_domain::store::{Repositories, transact};
use account_domain::values::Phone;
use account_domain::verification::{CodeEffect, CodePurpose, CodeRefusal, attempt_code};

use super::fixtures::{new_code, phone, registered, secs, suppressed_code_email, t0, withdrawn};

fn notice() -> OutgoingMessage {
    OutgoingMessage::email(
        "notice@example.com",
        TemplateId::AccountWithdrawn,
        Locale::Ko,
        MessageParams::new().plain("at", "2026-11-23 12:00 UTC"),
    )
}

async fn pending(repos: &Repositories) -> Vec<OutboxMessage> {
    repos.outbox.pending().await.expect("pending")
}

/// Queues `notice()` in a unit of work that then commits, or refuses when `commit` is false.
async fn queue_notice(repos: &Repositories, commit: bool) -> Result<(), UnexpectedError> {
    transact(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            tx.enqueue_message(&notice(), t0() + secs(1)).await?;
            if commit {
                Ok(())
            } else {
                Err(UnexpectedError::new("changed its mind"))
            }
        })
    })
    .await
}

pub async fn a_message_queued_in_a_unit_of_work_is_kept_only_if_it_commits(repos: &Repositories) {
    assert!(queue_notice(repos, false).await.is_err());
    assert!(pending(repos).await.is_empty(), "rolled back with its work");

    queue_notice(repos, true).await.expect("committed");
    let kept = pending(repos).await;
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (&kept[0].message, kept[0].attempts, kept[0].created_at),
        (&notice(), 0, t0() + secs(1))
    );
    let due = repos
        .outbox
        .claim_due(t0() + secs(1), 10, secs(60))
        .await
        .expect("claim");
    assert_eq!(due.len(), 1, "due at once");
}

pub async fn lock_account_reads_the_account_deleted_or_not(repos: &Repositories) {
    let account = registered(repos, "locked@example.com").await;
    let id = account.id;
    let read = |id: AccountId| {
        transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
            Box::pin(async move { tx.lock_account(id).await })
        })
    };
    assert_eq!(read(id).await.expect("lock"), Some(account));
    assert!(withdrawn(repos, id, t0() + secs(1)).await);
    let gone = read(id).await.expect("lock").expect("still there");
    assert_eq!(gone.deleted_at, Some(t0() + secs(1)));
    assert_eq!(read(AccountId(id.0 + 1000)).await.expect("lock"), None);
}

pub async fn a_withdrawal_queues_its_notice_to_the_accounts_email(repos: &Repositories) {
    let account = registered(repos, "Leaving@Example.com").await;
    assert!(withdrawn(repos, account.id, t0() + secs(1)).await);
    let queued = pending(repos).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].message.channel(), Channel::Email);
    assert_eq!(queued[0].message.recipient(), account.email.as_str());
    assert_eq!(queued[0].created_at, t0() + secs(1));

    assert!(!withdrawn(repos, account.id, t0() + secs(2)).await);
    assert_eq!(pending(repos).await.len(), 1, "no second notice");
}

/// Changes the account's phone to `number` with a phone-change code, as the domain does.
async fn change_phone(
    repos: &Repositories,
    account: AccountId,
    number: &Phone,
    n: i64,
) -> Result<(), CodeRefusal> {
    let (purpose, target) = (CodePurpose::PhoneChange, number.as_str().to_owned());
    let digest = format!("code-{n}");
    let code = new_code(purpose, &target, Some(account), &digest, t0() + secs(n));
    let issued = repos
        .codes
        .issue(&code, secs(0), suppressed_code_email(&target))
        .await;
    issued.expect("issue");
    let effect = CodeEffect::ChangePhone(number.clone());
    let at = t0() + secs(n + 1);
    transact(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            attempt_code(tx, purpose, &target, &digest, &effect, at).await?;
            Ok(())
        })
    })
    .await
}

pub async fn a_phone_change_queues_its_notices_to_the_previous_phone_and_email(
    repos: &Repositories,
) {
    let account = registered(repos, "mover@example.com").await;
    let (first, second) = (phone("+821011112222"), phone("+821033334444"));
    change_phone(repos, account.id, &first, 1)
        .await
        .expect("a first phone");
    let queued = pending(repos).await;
    assert_eq!(queued.len(), 1, "no previous phone: the email only");
    assert_eq!(
        (queued[0].message.channel(), queued[0].message.recipient()),
        (Channel::Email, "mover@example.com")
    );

    change_phone(repos, account.id, &second, 3)
        .await
        .expect("a second phone");
    let queued = pending(repos).await;
    let to: Vec<(Channel, &str)> = queued[1..]
        .iter()
        .map(|m| (m.message.channel(), m.message.recipient()))
        .collect();
    assert_eq!(
        to,
        [
            (Channel::Sms, "+821011112222"),
            (Channel::Email, "mover@example.com")
        ]
    );
    for notice in &queued[1..] {
        let params = notice.message.params();
        assert_eq!(params.get("masked_phone"), Some("****4444"));
        assert!(!format!("{params:?}").contains(second.as_str()));
    }

    let other = registered(repos, "other@example.com").await;
    let taken = change_phone(repos, other.id, &second, 5).await;
    assert!(matches!(taken, Err(CodeRefusal::PhoneTaken)), "{taken:?}");
    assert_eq!(
        pending(repos).await.len(),
        3,
        "a refused change queues nothing"
    );
}
