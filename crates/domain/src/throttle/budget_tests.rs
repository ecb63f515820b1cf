use chrono::Duration;

use super::*;
use crate::testing::t0;
use crate::throttle::{InMemoryThrottle, MockThrottleRepository};

const RULE: ThrottleRule = ThrottleRule {
    limit: 3,
    window: Duration::minutes(5),
    lockout: Duration::minutes(5),
};

const EMAIL: &str = "register:email:a@example.com";
const IP: &str = "register:ip:10.0.0.1";

fn budgets() -> Vec<Budget> {
    vec![
        Budget::new(ThrottleKey::new("register:email", "a@example.com"), RULE),
        Budget::per_ip("register:ip", Some("10.0.0.1"), RULE).unwrap(),
    ]
}

#[tokio::test]
async fn reserving_counts_one_attempt_on_each_budget() {
    let throttle = InMemoryThrottle::new();
    assert_eq!(reserve(&throttle, &budgets(), t0()).await.unwrap(), None);
    assert_eq!((throttle.count(EMAIL), throttle.count(IP)), (1, 1));
}

#[tokio::test]
async fn the_limit_th_attempt_passes_and_the_next_is_refused() {
    let throttle = InMemoryThrottle::new();
    for _ in 0..RULE.limit {
        assert_eq!(reserve(&throttle, &budgets(), t0()).await.unwrap(), None);
    }
    let refused = reserve(&throttle, &budgets(), t0()).await.unwrap();
    assert_eq!(refused, Some(t0() + RULE.lockout));
}

#[tokio::test]
async fn a_blocked_budget_refuses_before_anything_is_counted() {
    let throttle = InMemoryThrottle::new();
    let until = t0() + Duration::minutes(5);
    throttle.block(&budgets()[1].key, until);
    assert_eq!(
        reserve(&throttle, &budgets(), t0()).await.unwrap(),
        Some(until)
    );
    assert_eq!(throttle.count(EMAIL), 0);
    assert_eq!(throttle.names(), vec![IP.to_owned()]);
}

#[tokio::test]
async fn the_attempt_that_spends_a_budget_stops_at_it() {
    let throttle = InMemoryThrottle::new();
    let email = &budgets()[0];
    for _ in 0..RULE.limit {
        reserve(&throttle, std::slice::from_ref(email), t0())
            .await
            .unwrap();
    }
    let refused = reserve(&throttle, &budgets(), t0()).await.unwrap();
    assert_eq!(refused, Some(t0() + RULE.lockout));
    assert_eq!(throttle.count(IP), 0, "the IP's budget is not touched");
}

#[tokio::test]
async fn reserving_is_one_read_and_one_write_whatever_the_number_of_budgets() {
    let mut throttle = MockThrottleRepository::new();
    throttle
        .expect_counters()
        .times(1)
        .withf(|keys| keys.len() == 2)
        .returning(|_| Ok(vec![None, None]));
    throttle
        .expect_apply()
        .times(1)
        .withf(|changes, _| {
            changes.len() == 2
                && changes
                    .iter()
                    .all(|c| c.change == CounterChange::Hit(RULE.counting_attempts()))
        })
        .returning(|changes, now| changes.iter().map(|c| c.planned_state(now)).collect());
    assert_eq!(reserve(&throttle, &budgets(), t0()).await.unwrap(), None);
}

#[tokio::test]
async fn a_block_started_by_a_concurrent_attempt_refuses_this_one() {
    let until = t0() + RULE.lockout;
    let mut throttle = MockThrottleRepository::new();
    throttle
        .expect_counters()
        .returning(|keys| Ok(vec![None; keys.len()]));
    throttle.expect_apply().returning(move |changes, now| {
        let mut states: Vec<CounterState> = changes
            .iter()
            .map(|c| c.planned_state(now))
            .collect::<Result<_, _>>()?;
        states[0].blocked_until = Some(until);
        Ok(states)
    });
    assert_eq!(
        reserve(&throttle, &budgets(), t0()).await.unwrap(),
        Some(until)
    );
}

#[tokio::test]
async fn settling_forgets_the_resets_and_gives_back_the_refunds() {
    let throttle = InMemoryThrottle::new();
    for _ in 0..2 {
        reserve(&throttle, &budgets(), t0()).await.unwrap();
    }
    let email_key = budgets()[0].key.clone();
    settle(&throttle, &[email_key], &budgets()[1..], t0())
        .await
        .unwrap();
    assert_eq!((throttle.count(EMAIL), throttle.count(IP)), (0, 1));
}

#[tokio::test]
async fn settling_is_one_write_and_no_read() {
    let mut throttle = MockThrottleRepository::new();
    throttle.expect_counters().never();
    throttle
        .expect_settle()
        .times(1)
        .withf(|settlements| {
            settlements.len() == 2
                && matches!(&settlements[0], Settlement::Forget(key) if key.as_str() == EMAIL)
                && matches!(&settlements[1], Settlement::GiveBack { key, .. } if key.as_str() == IP)
        })
        .returning(|_| Ok(()));
    let email_key = budgets()[0].key.clone();
    settle(&throttle, &[email_key], &budgets()[1..], t0())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_refund_of_a_passed_window_gives_nothing_back() {
    let throttle = InMemoryThrottle::new();
    reserve(&throttle, &budgets(), t0()).await.unwrap();
    refund(&throttle, &budgets(), t0() + RULE.window)
        .await
        .unwrap();
    assert_eq!(throttle.count(IP), 1);
}

#[tokio::test]
async fn counting_uses_the_rule_as_given() {
    let throttle = InMemoryThrottle::new();
    let key = &budgets()[0].key;
    for _ in 0..RULE.limit - 1 {
        assert_eq!(count(&throttle, key, &RULE, t0()).await.unwrap(), None);
    }
    assert_eq!(
        count(&throttle, key, &RULE, t0()).await.unwrap(),
        Some(t0() + RULE.lockout)
    );
    assert_eq!(
        blocked_until(&throttle, std::slice::from_ref(key), t0())
            .await
            .unwrap(),
        Some(t0() + RULE.lockout)
    );
}

#[tokio::test]
async fn nothing_to_read_or_write_makes_no_call() {
    let throttle = MockThrottleRepository::new();
    assert_eq!(reserve(&throttle, &[], t0()).await.unwrap(), None);
    settle(&throttle, &[], &[], t0()).await.unwrap();
    assert_eq!(blocked_until(&throttle, &[], t0()).await.unwrap(), None);
}
