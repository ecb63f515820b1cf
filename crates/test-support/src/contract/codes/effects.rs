//! Effects of an accepted code on its account: email verified, phone changed (or taken).

use std::sync::Arc;

use account_domain::accounts::AccountId;
use account_domain::store::Repositories;
use account_domain::values::Phone;
use account_domain::verification::{AttemptOutcome, CodeEffect, CodePurpose};
use tokio::sync::Barrier;

use super::{COOLDOWN, attempt, attempted, issue};
use crate::contract::fixtures::withdrawn;
use crate::contract::fixtures::{phone, registered, secs, t0};

/// Gives `account` the verified phone `number` through a phone-change code.
async fn verify_phone(
    repos: &Repositories,
    account: AccountId,
    number: &Phone,
    digest: &str,
) -> AttemptOutcome {
    let change = CodePurpose::PhoneChange;
    issue(repos, change, number.as_str(), Some(account), digest, t0()).await;
    attempt(
        repos,
        change,
        number.as_str(),
        digest,
        &CodeEffect::ChangePhone(number.clone()),
        t0() + secs(5),
    )
    .await
}

pub async fn a_phone_change_sets_the_phone_checked(repos: &Repositories) {
    let account = registered(repos, "phone@example.com").await;
    let number = phone("+821099998888");
    assert_eq!(
        verify_phone(repos, account.id, &number, "right").await,
        AttemptOutcome::Accepted {
            account_id: Some(account.id)
        }
    );
    let changed = repos
        .accounts
        .find_by_id(account.id)
        .await
        .expect("find")
        .expect("exists");
    assert_eq!(
        (changed.phone, changed.is_phone_number_checked),
        (Some(number), true)
    );
    assert_eq!(changed.updated_at, t0() + secs(5));
}

pub async fn a_phone_verified_by_another_account_is_taken(repos: &Repositories) {
    let holder = registered(repos, "holder@example.com").await;
    let number = phone("+821077776666");
    assert!(matches!(
        verify_phone(repos, holder.id, &number, "holder-code").await,
        AttemptOutcome::Accepted { .. }
    ));

    let newcomer = registered(repos, "newcomer@example.com").await;
    let change = CodePurpose::PhoneChange;
    let effect = CodeEffect::ChangePhone(number.clone());
    issue(
        repos,
        change,
        number.as_str(),
        Some(newcomer.id),
        "newcomer-code",
        t0() + COOLDOWN,
    )
    .await;
    let at = t0() + COOLDOWN + secs(1);
    assert_eq!(
        attempt(repos, change, number.as_str(), "newcomer-code", &effect, at).await,
        AttemptOutcome::PhoneTaken
    );
    let unchanged = repos
        .accounts
        .find_by_id(newcomer.id)
        .await
        .expect("find")
        .expect("exists");
    assert_eq!(
        (unchanged.phone, unchanged.is_phone_number_checked),
        (None, false)
    );

    assert!(withdrawn(repos, holder.id, at).await);
    let outcome = attempt(
        repos,
        change,
        number.as_str(),
        "newcomer-code",
        &effect,
        at + secs(1),
    )
    .await;
    assert_eq!(
        outcome,
        AttemptOutcome::Accepted {
            account_id: Some(newcomer.id)
        },
        "PhoneTaken left the code unused"
    );
}

pub async fn concurrent_phone_changes_to_one_number_let_one_win(repos: &Repositories) {
    let number = phone("+821055554444");
    for round in 0..5 {
        let effect = CodeEffect::ChangePhone(number.clone());
        let mut contenders = Vec::new();
        for n in 0..2 {
            let account = registered(repos, &format!("contender{round}-{n}@example.com")).await;
            let target = format!("change-{round}-{n}");
            issue(
                repos,
                CodePurpose::PhoneChange,
                &target,
                Some(account.id),
                "right",
                t0(),
            )
            .await;
            contenders.push((account.id, target));
        }
        let start = Arc::new(Barrier::new(2));
        let attempts: Vec<_> = contenders
            .iter()
            .map(|(_, target)| {
                let (repos, start, effect, target) =
                    (repos.clone(), start.clone(), effect.clone(), target.clone());
                tokio::spawn(async move {
                    start.wait().await;
                    attempted(
                        &repos,
                        CodePurpose::PhoneChange,
                        &target,
                        "right",
                        &effect,
                        t0() + secs(1),
                    )
                    .await
                })
            })
            .collect();
        let mut winners = Vec::new();
        for (task, (account, _)) in attempts.into_iter().zip(&contenders) {
            match task.await.expect("the task completes").expect("attempt") {
                AttemptOutcome::Accepted { account_id } => {
                    winners.push(account_id.expect("the code has an account"))
                }
                AttemptOutcome::PhoneTaken => {
                    let loser = repos
                        .accounts
                        .find_by_id(*account)
                        .await
                        .expect("find")
                        .expect("exists");
                    assert_eq!(
                        loser.phone, None,
                        "round {round}: the loser's phone is unchanged"
                    );
                }
                other => panic!("round {round}: unexpected {other:?}"),
            }
        }
        assert_eq!(
            winners.len(),
            1,
            "round {round}: exactly one account gets the number"
        );
        assert!(
            withdrawn(repos, winners[0], t0() + secs(2)).await,
            "frees the number for the next round"
        );
    }
}
