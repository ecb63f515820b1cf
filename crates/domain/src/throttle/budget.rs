//! Attempts reserved before the work they limit, and given back when it succeeds.

use chrono::{DateTime, Utc};

use super::ports::ThrottleRepository;
use super::rule::{ThrottleKey, ThrottleRule};
use crate::UnexpectedError;
use crate::security_events::{self, SecurityEvent};

/// One counter and the rule it counts under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    pub key: ThrottleKey,
    pub rule: ThrottleRule,
}

impl Budget {
    pub fn new(key: ThrottleKey, rule: ThrottleRule) -> Self {
        Self { key, rule }
    }

    /// The budget of a client address, when the address is known.
    pub fn per_ip(scope: &'static str, ip: Option<&str>, rule: ThrottleRule) -> Option<Self> {
        ip.map(|ip| Self::new(ThrottleKey::per_ip(scope, ip), rule))
    }
}

/// Reserves one attempt from each budget, in order, before the work they limit, so that a
/// burst of concurrent attempts cannot all pass a check made before any of them was counted:
/// the `limit`-th attempt passes, the next is refused. Returns when to retry if a budget is
/// spent (already blocked, or blocked by this attempt); the budgets after it are not touched.
pub async fn reserve(
    throttle: &dyn ThrottleRepository,
    budgets: &[Budget],
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
    let keys: Vec<ThrottleKey> = budgets.iter().map(|budget| budget.key.clone()).collect();
    if let Some(retry_at) = throttle.blocked_until(&keys, now).await? {
        return Ok(Some(retry_at));
    }
    for budget in budgets {
        let rule = budget.rule.counting_attempts();
        if let Some(retry_at) = throttle.hit(&budget.key, &rule, now).await? {
            security_events::record(&SecurityEvent::LockoutStarted {
                scope: budget.key.scope(),
                account: None,
                ip: None,
                identifier_digest: None,
                until: retry_at,
            });
            return Ok(Some(retry_at));
        }
    }
    Ok(None)
}

/// Gives back the attempts [`reserve`] took for work that succeeded and should not count.
pub async fn refund(
    throttle: &dyn ThrottleRepository,
    budgets: &[Budget],
    now: DateTime<Utc>,
) -> Result<(), UnexpectedError> {
    for budget in budgets {
        throttle
            .refund(&budget.key, &budget.rule.counting_attempts(), now)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use chrono::Duration;

    use super::*;
    use crate::testing::t0;
    use crate::throttle::MockThrottleRepository;

    const RULE: ThrottleRule = ThrottleRule {
        limit: 3,
        window: Duration::minutes(5),
        lockout: Duration::minutes(5),
    };

    fn budgets() -> Vec<Budget> {
        vec![
            Budget::new(ThrottleKey::new("register:email", "a@example.com"), RULE),
            Budget::per_ip("register:ip", Some("10.0.0.1"), RULE).unwrap(),
        ]
    }

    #[tokio::test]
    async fn reserving_counts_one_attempt_on_each_budget_under_the_attempt_rule() {
        let mut throttle = MockThrottleRepository::new();
        throttle.expect_blocked_until().returning(|_, _| Ok(None));
        let hits = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&hits);
        throttle
            .expect_hit()
            .times(2)
            .returning(move |key, rule, _| {
                seen.lock()
                    .unwrap()
                    .push((key.as_str().to_owned(), rule.limit));
                Ok(None)
            });
        assert_eq!(reserve(&throttle, &budgets(), t0()).await.unwrap(), None);
        assert_eq!(
            *hits.lock().unwrap(),
            vec![
                ("register:email:a@example.com".to_owned(), 4),
                ("register:ip:10.0.0.1".to_owned(), 4)
            ]
        );
    }

    #[tokio::test]
    async fn a_blocked_budget_refuses_before_anything_is_counted() {
        let until = t0() + Duration::minutes(5);
        let mut throttle = MockThrottleRepository::new();
        throttle
            .expect_blocked_until()
            .withf(|keys, _| keys.len() == 2)
            .returning(move |_, _| Ok(Some(until)));
        throttle.expect_hit().never();
        assert_eq!(
            reserve(&throttle, &budgets(), t0()).await.unwrap(),
            Some(until)
        );
    }

    #[tokio::test]
    async fn the_attempt_that_spends_a_budget_stops_at_it() {
        let until = t0() + Duration::minutes(5);
        let mut throttle = MockThrottleRepository::new();
        throttle.expect_blocked_until().returning(|_, _| Ok(None));
        throttle
            .expect_hit()
            .times(1)
            .returning(move |_, _, _| Ok(Some(until)));
        assert_eq!(
            reserve(&throttle, &budgets(), t0()).await.unwrap(),
            Some(until)
        );
    }

    #[tokio::test]
    async fn a_refund_gives_back_under_the_rule_the_attempt_was_reserved_with() {
        let mut throttle = MockThrottleRepository::new();
        throttle
            .expect_refund()
            .withf(|key, rule, at| key.scope() == "register:ip" && rule.limit == 4 && *at == t0())
            .times(1)
            .returning(|_, _, _| Ok(()));
        let ip_only = &budgets()[1..];
        refund(&throttle, ip_only, t0()).await.unwrap();
    }
}
