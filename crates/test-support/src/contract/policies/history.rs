//! The history: appended in order, never rewritten, one record per real change.

use std::sync::Arc;

use account_domain::policies::{ConsentKind, ConsentRecord};
use account_domain::store::Repositories;
use tokio::sync::Barrier;

use super::{consents_changed, history, patch, record, update, without_ids};
use crate::contract::fixtures::{logged_in, secs, t0};
use crate::contract::lux_fixtures::origin;

pub async fn history_is_appended_in_order_and_never_rewritten(repos: &Repositories) {
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
        update(repos, &session, changes, at).await;
        expected.extend(
            recorded
                .into_iter()
                .map(|(kind, agreed)| record(&session, kind, agreed, at)),
        );

        let now = history(repos, session.account_id).await;
        assert_eq!(without_ids(&now), expected, "step {step}");
        assert_eq!(
            now[..before.len()],
            before[..],
            "step {step}: earlier records are unchanged, ids included"
        );
        before = now;
    }
    let policy = repos
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

pub async fn concurrent_updates_record_only_real_changes(repos: &Repositories) {
    let session = logged_in(repos, "racing@example.com", "d1").await;
    for round in 0..5 {
        let agreed = round % 2 == 0;
        let at = t0() + secs(60 * (round + 1));
        let start = Arc::new(Barrier::new(4));
        let racers: Vec<_> = (0..4)
            .map(|_| {
                let (repos, start, session) = (repos.clone(), start.clone(), session.clone());
                tokio::spawn(async move {
                    start.wait().await;
                    consents_changed(
                        &repos,
                        session.account_id,
                        patch(Some(agreed), None),
                        origin(session.id, at),
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
        let recorded = history(repos, session.account_id).await;
        assert_eq!(
            recorded.len(),
            usize::try_from(round + 1).unwrap_or_default(),
            "round {round}: one change, recorded once: {recorded:?}"
        );
    }
}
