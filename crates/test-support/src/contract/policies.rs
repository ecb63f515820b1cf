//! `PolicyRepository`: consents, their dates, and the append-only history of their changes.

use std::sync::Arc;

use account_domain::accounts::AccountId;
use account_domain::auth::Session;
use account_domain::policies::{ConsentKind, ConsentRecord, Policy, PolicyPatch};
use account_domain::store::{LuxRepositories, Repositories};
use chrono::{DateTime, Utc};
use tokio::sync::Barrier;

use super::fixtures::{logged_in, new_session, refresh_token, registered, secs, t0};
use super::lux_fixtures::{fcm, origin};

fn patch(push: Option<bool>, marketing: Option<bool>) -> PolicyPatch {
    PolicyPatch {
        is_push_agree: push,
        is_marketing_agree: marketing,
    }
}

async fn update(
    lux: &LuxRepositories,
    session: &Session,
    changes: PolicyPatch,
    at: DateTime<Utc>,
) -> Policy {
    lux.policies
        .update(session.account_id, &changes, &origin(session.id, at))
        .await
        .expect("update")
        .expect("a live account")
}

async fn history(lux: &LuxRepositories, account: AccountId) -> Vec<ConsentRecord> {
    lux.policies.history(account).await.expect("history")
}

/// What the history holds after a change of `kind` to `agreed` in `session` at `at`.
fn record(session: &Session, kind: ConsentKind, agreed: bool, at: DateTime<Utc>) -> ConsentRecord {
    ConsentRecord {
        id: 0,
        account_id: session.account_id,
        kind,
        agreed,
        session_id: Some(session.id),
        ip: Some("198.51.100.4".into()),
        recorded_at: at,
    }
}

/// The history without the ids the store assigned, after checking they increase.
fn without_ids(records: &[ConsentRecord]) -> Vec<ConsentRecord> {
    assert!(
        records.windows(2).all(|pair| pair[0].id < pair[1].id),
        "ids increase: {records:?}"
    );
    records
        .iter()
        .map(|r| ConsentRecord { id: 0, ..r.clone() })
        .collect()
}

pub async fn an_account_that_never_changed_a_consent_has_no_policy(
    repos: &Repositories,
    lux: &LuxRepositories,
) {
    let account = registered(repos, "quiet@example.com").await;
    assert_eq!(lux.policies.find(account.id).await.expect("find"), None);
    assert_eq!(
        lux.policies.find(AccountId(987_654)).await.expect("find"),
        None
    );
    assert!(history(lux, account.id).await.is_empty());
}

pub async fn an_update_stores_the_policy_and_records_each_change(
    repos: &Repositories,
    lux: &LuxRepositories,
) {
    let session = logged_in(repos, "agree@example.com", "d1").await;
    let at = t0() + secs(60);

    let policy = update(lux, &session, patch(Some(true), Some(true)), at).await;

    let expected = Policy {
        account_id: session.account_id,
        is_push_agree: true,
        push_agree_date: Some(at),
        is_marketing_agree: true,
        marketing_agree_date: Some(at),
    };
    assert_eq!(policy, expected);
    assert_eq!(
        lux.policies.find(session.account_id).await.expect("find"),
        Some(expected)
    );
    assert_eq!(
        without_ids(&history(lux, session.account_id).await),
        vec![
            record(&session, ConsentKind::Push, true, at),
            record(&session, ConsentKind::Marketing, true, at),
        ]
    );
}

pub async fn repeating_a_consent_keeps_its_date_and_records_nothing(
    repos: &Repositories,
    lux: &LuxRepositories,
) {
    let session = logged_in(repos, "again@example.com", "d1").await;
    let agreed_at = t0() + secs(60);
    let first = update(lux, &session, patch(Some(true), None), agreed_at).await;

    let repeated = update(
        lux,
        &session,
        patch(Some(true), Some(false)),
        agreed_at + secs(60),
    )
    .await;

    assert_eq!(repeated, first);
    assert_eq!(repeated.push_agree_date, Some(agreed_at));
    assert_eq!(
        lux.policies.find(session.account_id).await.expect("find"),
        Some(first)
    );
    assert_eq!(history(lux, session.account_id).await.len(), 1);
}

pub async fn history_is_appended_in_order_and_never_rewritten(
    repos: &Repositories,
    lux: &LuxRepositories,
) {
    let session = logged_in(repos, "history@example.com", "d1").await;
    let steps = [
        (patch(Some(true), None), vec![(ConsentKind::Push, true)]),
        (
            patch(Some(false), Some(true)),
            vec![(ConsentKind::Push, false), (ConsentKind::Marketing, true)],
        ),
        (
            patch(None, Some(false)),
            vec![(ConsentKind::Marketing, false)],
        ),
        (
            patch(Some(true), Some(true)),
            vec![(ConsentKind::Push, true), (ConsentKind::Marketing, true)],
        ),
    ];
    let mut expected = Vec::new();
    let mut before: Vec<ConsentRecord> = Vec::new();
    for (step, (changes, recorded)) in steps.into_iter().enumerate() {
        let at = t0() + secs(60 * (step as i64 + 1));
        update(lux, &session, changes, at).await;
        expected.extend(
            recorded
                .into_iter()
                .map(|(kind, agreed)| record(&session, kind, agreed, at)),
        );

        let now = history(lux, session.account_id).await;
        assert_eq!(without_ids(&now), expected, "step {step}");
        assert_eq!(
            now[..before.len()],
            before[..],
            "step {step}: earlier records are unchanged, ids included"
        );
        before = now;
    }
    let policy = lux
        .policies
        .find(session.account_id)
        .await
        .expect("find")
        .expect("stored");
    assert_eq!(
        (policy.push_agree_date, policy.marketing_agree_date),
        (Some(t0() + secs(240)), Some(t0() + secs(240))),
        "each consent is dated by its latest turn on"
    );
}

pub async fn withdrawing_push_consent_deletes_the_push_tokens(
    repos: &Repositories,
    lux: &LuxRepositories,
) {
    let phone = logged_in(repos, "pushy@example.com", "d1").await;
    let account = phone.account_id;
    let tablet = repos
        .sessions
        .create(
            &new_session(account, t0()),
            &refresh_token("d2", t0() + secs(86_400)),
        )
        .await
        .expect("create");
    let bystander = logged_in(repos, "bystander@example.com", "d3").await;
    update(lux, &phone, patch(Some(true), Some(true)), t0() + secs(1)).await;
    for (session, token) in [
        (&phone, "phone"),
        (&tablet, "tablet"),
        (&bystander, "other"),
    ] {
        lux.push_tokens
            .register(session.account_id, session.id, &fcm(token), t0() + secs(2))
            .await
            .expect("register");
    }
    let listed = |account| async move {
        lux.push_tokens
            .list_for_account(account, t0() + secs(10))
            .await
            .expect("list")
            .len()
    };

    update(lux, &phone, patch(None, Some(false)), t0() + secs(3)).await;
    assert_eq!(listed(account).await, 2, "marketing is not push");
    update(lux, &phone, patch(Some(true), None), t0() + secs(4)).await;
    assert_eq!(listed(account).await, 2, "push stays on");

    update(lux, &phone, patch(Some(false), None), t0() + secs(5)).await;
    assert_eq!(listed(account).await, 0, "push withdrawn");
    for session in [&phone, &tablet] {
        assert_eq!(
            lux.push_tokens
                .remove_for_session(session.id)
                .await
                .expect("remove"),
            0,
            "the rows are gone, not just hidden"
        );
    }
    assert_eq!(
        listed(bystander.account_id).await,
        1,
        "other accounts keep theirs"
    );
}

pub async fn updates_of_deleted_or_unknown_accounts_write_nothing(
    repos: &Repositories,
    lux: &LuxRepositories,
) {
    let session = logged_in(repos, "gone@example.com", "d1").await;
    assert!(
        repos
            .accounts
            .soft_delete(session.account_id, t0() + secs(1))
            .await
            .expect("delete")
    );
    let on = patch(Some(true), Some(true));

    for account in [session.account_id, AccountId(987_654)] {
        let updated = lux
            .policies
            .update(account, &on, &origin(session.id, t0() + secs(2)))
            .await
            .expect("update");
        assert_eq!(updated, None);
        assert_eq!(lux.policies.find(account).await.expect("find"), None);
        assert!(history(lux, account).await.is_empty());
    }
}

pub async fn concurrent_updates_record_only_real_changes(
    repos: &Repositories,
    lux: &LuxRepositories,
) {
    let session = logged_in(repos, "racing@example.com", "d1").await;
    for round in 0..5 {
        let agreed = round % 2 == 0;
        let at = t0() + secs(60 * (round + 1));
        let start = Arc::new(Barrier::new(4));
        let racers: Vec<_> = (0..4)
            .map(|_| {
                let (lux, start, session) = (lux.clone(), start.clone(), session.clone());
                tokio::spawn(async move {
                    start.wait().await;
                    lux.policies
                        .update(
                            session.account_id,
                            &patch(Some(agreed), None),
                            &origin(session.id, at),
                        )
                        .await
                })
            })
            .collect();
        for racer in racers {
            let policy = racer
                .await
                .expect("the task completes")
                .expect("update")
                .expect("a live account");
            assert_eq!(policy.is_push_agree, agreed, "round {round}");
        }
        let recorded = history(lux, session.account_id).await;
        assert_eq!(
            recorded.len(),
            usize::try_from(round + 1).unwrap_or_default(),
            "round {round}: one change, recorded once: {recorded:?}"
        );
    }
}
