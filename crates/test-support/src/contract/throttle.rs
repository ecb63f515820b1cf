//! `ThrottleRepository`: counting within a window, blocking at the limit, atomic hits,
//! settlements.

use account_domain::store::Repositories;
use account_domain::throttle::{
    self, Budget, CounterChange, PlannedChange, Settlement, ThrottleKey, ThrottleRule,
};
use chrono::{DateTime, Duration, Utc};

use super::fixtures::{secs, t0};

const RULE: ThrottleRule = ThrottleRule {
    limit: 3,
    window: Duration::minutes(10),
    lockout: Duration::minutes(15),
};

fn key(subject: &str) -> ThrottleKey {
    ThrottleKey::new("login:id", subject)
}

async fn hit(
    repos: &Repositories,
    key: &ThrottleKey,
    rule: &ThrottleRule,
    at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    throttle::count(&*repos.throttle, key, rule, at)
        .await
        .expect("hit")
}

pub async fn hits_count_up_to_the_limit_then_block(repos: &Repositories) {
    let alice = key("alice");
    assert_eq!(hit(repos, &alice, &RULE, t0()).await, None);
    assert_eq!(hit(repos, &alice, &RULE, t0() + secs(1)).await, None);
    assert_eq!(
        throttle::blocked_until(
            &*repos.throttle,
            std::slice::from_ref(&alice),
            t0() + secs(1)
        )
        .await
        .expect("read"),
        None
    );

    let third = t0() + secs(2);
    let until = third + RULE.lockout;
    assert_eq!(hit(repos, &alice, &RULE, third).await, Some(until));
    assert_eq!(
        throttle::blocked_until(&*repos.throttle, std::slice::from_ref(&alice), third)
            .await
            .expect("read"),
        Some(until)
    );
    assert_eq!(
        throttle::blocked_until(&*repos.throttle, std::slice::from_ref(&alice), until)
            .await
            .expect("read"),
        None,
        "the lockout ends"
    );
    assert_eq!(
        throttle::blocked_until(&*repos.throttle, &[key("bob")], third)
            .await
            .expect("read"),
        None,
        "other keys are not blocked"
    );
}

pub async fn a_passed_window_restarts_the_count(repos: &Repositories) {
    let carol = key("carol");
    hit(repos, &carol, &RULE, t0()).await;
    hit(repos, &carol, &RULE, t0() + secs(1)).await;

    let next_window = t0() + RULE.window;
    assert_eq!(
        hit(repos, &carol, &RULE, next_window).await,
        None,
        "the old count is gone"
    );
    assert_eq!(hit(repos, &carol, &RULE, next_window + secs(1)).await, None);
    assert!(
        hit(repos, &carol, &RULE, next_window + secs(2))
            .await
            .is_some(),
        "three hits in the new window block"
    );
}

pub async fn blocked_until_reports_the_latest_block_in_force(repos: &Repositories) {
    let once = |lockout| ThrottleRule {
        limit: 1,
        window: Duration::minutes(10),
        lockout,
    };
    let (short, long, free) = (key("short"), key("long"), key("free"));
    hit(repos, &short, &once(Duration::minutes(5)), t0()).await;
    hit(repos, &long, &once(Duration::hours(1)), t0()).await;
    hit(repos, &free, &RULE, t0()).await;

    let read = |keys: Vec<ThrottleKey>, at: DateTime<Utc>| {
        let repos = repos.clone();
        async move {
            throttle::blocked_until(&*repos.throttle, &keys, at)
                .await
                .expect("read")
        }
    };
    let now = t0() + secs(1);
    assert_eq!(
        read(vec![short.clone(), long.clone(), free.clone()], now).await,
        Some(t0() + Duration::hours(1))
    );
    assert_eq!(
        read(vec![short.clone(), free.clone()], now).await,
        Some(t0() + Duration::minutes(5))
    );
    assert_eq!(
        read(
            vec![short.clone(), long.clone()],
            t0() + Duration::minutes(5)
        )
        .await,
        Some(t0() + Duration::hours(1))
    );
    assert_eq!(
        read(vec![short, free], t0() + Duration::minutes(5)).await,
        None,
        "a passed block does not count"
    );
    assert_eq!(read(vec![], now).await, None);
}

pub async fn concurrent_hits_are_all_counted(repos: &Repositories) {
    let rule = ThrottleRule {
        limit: 20,
        window: Duration::minutes(10),
        lockout: Duration::minutes(15),
    };
    let target = key("crowd");
    let hits: Vec<_> = (0..20)
        .map(|_| {
            let (repos, target) = (repos.clone(), target.clone());
            tokio::spawn(
                async move { throttle::count(&*repos.throttle, &target, &rule, t0()).await },
            )
        })
        .collect();
    let mut blocked = 0;
    for hit in hits {
        if hit
            .await
            .expect("the task completes")
            .expect("hit")
            .is_some()
        {
            blocked += 1;
        }
    }
    assert_eq!(
        blocked, 1,
        "only the twentieth hit reaches the limit, and only if none was lost"
    );
    assert_eq!(
        throttle::blocked_until(&*repos.throttle, &[target], t0())
            .await
            .expect("read"),
        Some(t0() + rule.lockout)
    );
}

pub async fn reset_forgets_the_counter(repos: &Repositories) {
    let dave = key("dave");
    hit(repos, &dave, &RULE, t0()).await;
    hit(repos, &dave, &RULE, t0()).await;
    throttle::settle(&*repos.throttle, std::slice::from_ref(&dave), &[], t0())
        .await
        .expect("reset");
    assert_eq!(hit(repos, &dave, &RULE, t0()).await, None);
    assert_eq!(
        hit(repos, &dave, &RULE, t0()).await,
        None,
        "the count restarted from zero"
    );

    assert!(hit(repos, &dave, &RULE, t0()).await.is_some());
    throttle::settle(&*repos.throttle, std::slice::from_ref(&dave), &[], t0())
        .await
        .expect("reset");
    assert_eq!(
        throttle::blocked_until(&*repos.throttle, std::slice::from_ref(&dave), t0())
            .await
            .expect("read"),
        None,
        "the block is gone too"
    );
    throttle::settle(&*repos.throttle, &[key("never-hit")], &[], t0())
        .await
        .expect("resetting an unknown key is fine");
}

pub async fn resets_racing_hits_never_fail(repos: &Repositories) {
    let rule = ThrottleRule {
        limit: 1_000,
        window: Duration::minutes(10),
        lockout: Duration::minutes(15),
    };
    let target = key("racing-reset");
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let (repos, target) = (repos.clone(), target.clone());
            tokio::spawn(async move {
                if i % 2 == 0 {
                    throttle::count(&*repos.throttle, &target, &rule, t0())
                        .await
                        .map(|_| ())
                } else {
                    throttle::settle(&*repos.throttle, std::slice::from_ref(&target), &[], t0())
                        .await
                }
            })
        })
        .collect();
    for task in tasks {
        task.await
            .expect("the task completes")
            .expect("a hit racing a reset still succeeds");
    }
}

pub async fn a_refund_gives_back_one_attempt_and_never_lifts_a_block(repos: &Repositories) {
    let erin = key("erin");
    hit(repos, &erin, &RULE, t0()).await;
    hit(repos, &erin, &RULE, t0()).await;
    throttle::refund(&*repos.throttle, &[Budget::new(erin.clone(), RULE)], t0())
        .await
        .expect("refund");
    assert_eq!(
        hit(repos, &erin, &RULE, t0()).await,
        None,
        "two hits, one given back: the next is the second"
    );
    let until = t0() + RULE.lockout;
    assert_eq!(hit(repos, &erin, &RULE, t0()).await, Some(until));
    throttle::refund(&*repos.throttle, &[Budget::new(erin.clone(), RULE)], t0())
        .await
        .expect("refund");
    assert_eq!(
        throttle::blocked_until(&*repos.throttle, std::slice::from_ref(&erin), t0())
            .await
            .expect("read"),
        Some(until),
        "a refund leaves a block in force"
    );
    throttle::refund(
        &*repos.throttle,
        &[Budget::new(key("never-counted").clone(), RULE)],
        t0(),
    )
    .await
    .expect("refunding an unknown key is fine");
}

pub async fn concurrent_refunds_are_all_applied(repos: &Repositories) {
    let rule = ThrottleRule {
        limit: 30,
        window: Duration::minutes(10),
        lockout: Duration::minutes(15),
    };
    let target = key("refunds");
    for _ in 0..20 {
        hit(repos, &target, &rule, t0()).await;
    }
    let refunds: Vec<_> = (0..20)
        .map(|_| {
            let (repos, target) = (repos.clone(), target.clone());
            tokio::spawn(async move {
                throttle::refund(&*repos.throttle, &[Budget::new(target.clone(), rule)], t0()).await
            })
        })
        .collect();
    for refund in refunds {
        refund.await.expect("the task completes").expect("refund");
    }
    for _ in 0..29 {
        assert_eq!(hit(repos, &target, &rule, t0()).await, None);
    }
    assert!(
        hit(repos, &target, &rule, t0()).await.is_some(),
        "every refund applied: the thirtieth hit after them blocks"
    );
}

pub async fn settling_leaves_a_missing_counter_missing(repos: &Repositories) {
    let (unknown, never_counted) = (key("settles-nothing"), key("gives-nothing"));
    throttle::settle(
        &*repos.throttle,
        std::slice::from_ref(&unknown),
        &[Budget::new(never_counted.clone(), RULE)],
        t0(),
    )
    .await
    .expect("settle");
    assert_eq!(
        repos
            .throttle
            .counters(&[unknown, never_counted])
            .await
            .expect("read"),
        vec![None, None]
    );
}

pub async fn a_refund_gives_back_within_the_rules_window_only(repos: &Repositories) {
    let (inside, expired) = (key("given-back"), key("expired"));
    for target in [&inside, &expired] {
        hit(repos, target, &RULE, t0()).await;
        hit(repos, target, &RULE, t0()).await;
    }
    let refund_at = |target: &ThrottleKey, at| {
        let (repos, budget) = (repos.clone(), Budget::new(target.clone(), RULE));
        async move { throttle::refund(&*repos.throttle, &[budget], at).await }
    };
    refund_at(&inside, t0() + RULE.window - secs(1))
        .await
        .expect("refund");
    refund_at(&expired, t0() + RULE.window)
        .await
        .expect("refund");
    let counted = repos
        .throttle
        .counters(&[inside, expired])
        .await
        .expect("read");
    let counts: Vec<Option<u32>> = counted.iter().map(|c| c.map(|state| state.count)).collect();
    assert_eq!(
        counts,
        vec![Some(1), Some(2)],
        "the window's last second still gives back, a passed window does not"
    );
}

pub async fn settlements_naming_one_counter_twice_all_apply(repos: &Repositories) {
    let kim = key("kim");
    hit(repos, &kim, &RULE, t0()).await;
    hit(repos, &kim, &RULE, t0()).await;
    let give_back =
        Settlement::give_back(&Budget::new(kim.clone(), RULE), t0()).expect("a give-back");
    repos
        .throttle
        .settle(&[give_back.clone(), give_back])
        .await
        .expect("settle");
    let stored = repos.throttle.counters(&[kim]).await.expect("read");
    assert_eq!(stored[0].map(|state| state.count), Some(0));
}

/// Every kind of stored counter (counts, blocked or not, windows started before, at and after
/// the give-back's bound) settled in one batch ends as [`Settlement::settled`] says.
pub async fn settling_agrees_with_the_domain_for_every_kind_of_counter(repos: &Repositories) {
    const LIMIT: u32 = 3;
    let rule = ThrottleRule {
        limit: LIMIT,
        ..RULE
    };
    let many = ThrottleRule { limit: 100, ..RULE };
    let give_back_at = [
        t0() + RULE.window - Duration::milliseconds(1),
        t0() + RULE.window,
        t0() + RULE.window + secs(1),
    ];
    let mut settlements = Vec::new();
    for count in [0, 1, 2] {
        for blocked in [false, true] {
            for (case, at) in give_back_at.iter().enumerate() {
                let target = key(&format!("agrees-{count}-{blocked}-{case}"));
                if blocked {
                    for _ in 0..LIMIT {
                        hit(repos, &target, &rule, t0()).await;
                    }
                }
                for _ in 0..count {
                    hit(repos, &target, &many, t0()).await;
                }
                if !blocked && count == 0 {
                    hit(repos, &target, &many, t0()).await;
                    throttle::settle(&*repos.throttle, std::slice::from_ref(&target), &[], t0())
                        .await
                        .expect("forget");
                }
                let give_back = Settlement::give_back(&Budget::new(target.clone(), rule), *at)
                    .expect("a give-back");
                settlements.push(give_back);
                let forgotten = key(&format!("forgets-{count}-{blocked}-{case}"));
                settlements.push(Settlement::Forget(forgotten.clone()));
                if blocked {
                    for _ in 0..LIMIT {
                        hit(repos, &forgotten, &rule, t0()).await;
                    }
                }
                for _ in 0..count {
                    hit(repos, &forgotten, &many, t0()).await;
                }
                if !blocked && count == 0 && case == 0 {
                    hit(repos, &forgotten, &many, t0()).await;
                    throttle::settle(
                        &*repos.throttle,
                        std::slice::from_ref(&forgotten),
                        &[],
                        t0(),
                    )
                    .await
                    .expect("forget");
                }
            }
        }
    }
    let keys: Vec<ThrottleKey> = settlements.iter().map(|s| s.key().clone()).collect();
    let before = repos.throttle.counters(&keys).await.expect("read");
    let expected: Vec<Option<_>> = settlements
        .iter()
        .zip(&before)
        .map(|(settlement, stored)| stored.map(|state| settlement.settled(state).unwrap_or(state)))
        .collect();
    repos.throttle.settle(&settlements).await.expect("settle");
    let after = repos.throttle.counters(&keys).await.expect("read");
    for ((settlement, expected), after) in settlements.iter().zip(&expected).zip(&after) {
        assert_eq!(after, expected, "{settlement:?}");
    }
    assert!(
        before.iter().zip(&after).filter(|(b, a)| b != a).count() >= 10,
        "the cases change counters: {after:?}"
    );
}

/// Every kind of stored counter (missing, counted, blocked for shorter or longer than the hit's
/// lockout, windows started before, at and after the hit's restart bound; a missing counter
/// under a limit of one, which the hit blocks at once) hit in one batch per instant ends as
/// [`CounterChange::apply`] says, and `apply` answers what it stored.
pub async fn hitting_agrees_with_the_domain_for_every_kind_of_counter(repos: &Repositories) {
    let many = ThrottleRule { limit: 100, ..RULE };
    let long_block = ThrottleRule {
        lockout: Duration::days(1),
        ..RULE
    };
    let hit_at = [
        t0() + secs(1),
        t0() + RULE.window - Duration::milliseconds(1),
        t0() + RULE.window,
        t0() + RULE.window + secs(1),
    ];
    let mut outcomes = std::collections::HashSet::new();
    for (case, at) in hit_at.iter().enumerate() {
        let mut changes = Vec::new();
        for count in [0, 1, 2] {
            for block in [None, Some(RULE), Some(long_block)] {
                let target = key(&format!("hit-agrees-{case}-{count}-{}", changes.len()));
                if let Some(blocking) = block {
                    for _ in 0..blocking.limit {
                        hit(repos, &target, &blocking, t0()).await;
                    }
                }
                for _ in 0..count {
                    hit(repos, &target, &many, t0()).await;
                }
                if block.is_none() && count == 0 && case % 2 == 1 {
                    hit(repos, &target, &many, t0()).await;
                    throttle::settle(&*repos.throttle, std::slice::from_ref(&target), &[], t0())
                        .await
                        .expect("forget");
                }
                changes.push((target, RULE));
            }
        }
        let one_allowed = ThrottleRule { limit: 1, ..RULE };
        changes.push((key(&format!("hit-agrees-{case}-limit-one")), one_allowed));
        let keys: Vec<ThrottleKey> = changes.iter().map(|(key, _)| key.clone()).collect();
        let before = repos.throttle.counters(&keys).await.expect("read");
        let changes: Vec<PlannedChange> = changes
            .into_iter()
            .zip(&before)
            .map(|((key, rule), read)| PlannedChange {
                key,
                read: *read,
                change: CounterChange::Hit(rule),
            })
            .collect();
        let expected: Vec<_> = changes
            .iter()
            .map(|change| change.planned_state(*at).expect("in range"))
            .collect();
        let states = repos.throttle.apply(&changes, *at).await.expect("apply");
        let after = repos.throttle.counters(&keys).await.expect("read");
        for (((change, expected), state), after) in
            changes.iter().zip(&expected).zip(&states).zip(&after)
        {
            assert_eq!(state, expected, "{change:?} at {at}");
            assert_eq!(after, &Some(*expected), "{change:?} at {at}: stored");
            outcomes.insert((
                expected.count,
                expected.window_started_at == *at,
                expected.blocked_until,
            ));
        }
    }
    assert!(
        outcomes.len() >= 8,
        "the cases count on, restart, block and keep blocks: {outcomes:?}"
    );
}

pub async fn hits_naming_one_counter_twice_all_count(repos: &Repositories) {
    let (lena, mona) = (key("lena"), key("mona"));
    let change = |key: &ThrottleKey| PlannedChange {
        key: key.clone(),
        read: None,
        change: CounterChange::Hit(RULE),
    };
    let states = repos
        .throttle
        .apply(&[change(&lena), change(&mona), change(&lena)], t0())
        .await
        .expect("apply");
    let counts: Vec<u32> = states.iter().map(|state| state.count).collect();
    assert_eq!(counts, vec![1, 1, 2], "each change answers what it left");
    let stored = repos.throttle.counters(&[lena]).await.expect("read");
    assert_eq!(stored[0].map(|state| state.count), Some(2));
}

pub async fn counters_are_read_in_the_order_asked(repos: &Repositories) {
    let (frank, nobody) = (key("frank"), key("nobody"));
    hit(repos, &frank, &RULE, t0()).await;
    let read = repos
        .throttle
        .counters(&[nobody, frank.clone(), frank])
        .await
        .expect("read");
    let counts: Vec<Option<u32>> = read.iter().map(|c| c.map(|state| state.count)).collect();
    assert_eq!(counts, vec![None, Some(1), Some(1)]);
    assert!(repos.throttle.counters(&[]).await.expect("read").is_empty());
}

pub async fn a_batch_writes_every_counter_and_answers_in_order(repos: &Repositories) {
    let (gina, hank, ivan) = (key("gina"), key("hank"), key("ivan"));
    hit(repos, &hank, &RULE, t0()).await;
    hit(repos, &ivan, &RULE, t0()).await;
    let read = repos
        .throttle
        .counters(&[gina.clone(), hank.clone(), ivan.clone()])
        .await
        .expect("read");
    let planned = |key: &ThrottleKey, read, change| PlannedChange {
        key: key.clone(),
        read,
        change,
    };
    let changes = [
        planned(&gina, read[0], CounterChange::Hit(RULE)),
        planned(&hank, read[1], CounterChange::Hit(RULE)),
        planned(&ivan, read[2], CounterChange::Hit(RULE)),
    ];
    let states = repos.throttle.apply(&changes, t0()).await.expect("apply");
    let counts: Vec<u32> = states.iter().map(|state| state.count).collect();
    assert_eq!(counts, vec![1, 2, 2]);
    let stored = repos
        .throttle
        .counters(&[gina, hank, ivan])
        .await
        .expect("read");
    assert_eq!(
        stored,
        states.into_iter().map(Some).collect::<Vec<_>>(),
        "what apply answers is what is stored"
    );
}

pub async fn a_change_planned_from_a_stale_read_applies_to_the_counter_as_stored(
    repos: &Repositories,
) {
    let (jill, kate) = (key("jill"), key("kate"));
    hit(repos, &jill, &RULE, t0()).await;
    let stale = repos
        .throttle
        .counters(std::slice::from_ref(&jill))
        .await
        .expect("read")[0];
    hit(repos, &jill, &RULE, t0()).await;
    hit(repos, &kate, &RULE, t0()).await;
    let changes = [
        PlannedChange {
            key: jill.clone(),
            read: stale,
            change: CounterChange::Hit(RULE),
        },
        PlannedChange {
            key: kate.clone(),
            read: None,
            change: CounterChange::Hit(RULE),
        },
    ];
    let states = repos
        .throttle
        .apply(&changes, t0() + secs(1))
        .await
        .expect("apply");
    assert_eq!(
        states[0].blocked_at(t0() + secs(1)),
        Some(t0() + secs(1) + RULE.lockout),
        "the third hit blocks: the one read past was not lost"
    );
    assert_eq!(
        states[1].count, 2,
        "a counter read as missing but stored counts on"
    );
    assert_eq!(
        throttle::blocked_until(&*repos.throttle, &[jill], t0() + secs(1))
            .await
            .expect("read"),
        Some(t0() + secs(1) + RULE.lockout)
    );
}

pub async fn batches_in_opposite_orders_never_deadlock(repos: &Repositories) {
    let rule = ThrottleRule {
        limit: 1_000,
        window: Duration::minutes(10),
        lockout: Duration::minutes(15),
    };
    let (left, right) = (key("left"), key("right"));
    let tasks: Vec<_> = (0..30)
        .map(|i| {
            let repos = repos.clone();
            let mut budgets = vec![
                Budget::new(left.clone(), rule),
                Budget::new(right.clone(), rule),
            ];
            if i % 2 == 1 {
                budgets.reverse();
            }
            tokio::spawn(async move {
                if i % 3 == 0 {
                    throttle::settle(&*repos.throttle, &[], &budgets, t0()).await?;
                }
                throttle::reserve(&*repos.throttle, &budgets, t0()).await
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(
            task.await.expect("the task completes").expect("no error"),
            None
        );
    }
    let counted = repos.throttle.counters(&[left, right]).await.expect("read");
    let counts: Vec<Option<u32>> = counted.iter().map(|c| c.map(|state| state.count)).collect();
    assert!(
        counts
            .iter()
            .all(|count| count.is_some_and(|n| (20..=30).contains(&n))),
        "30 reservations, 10 refunds racing them (a refund before any count gives nothing): {counts:?}"
    );
}
