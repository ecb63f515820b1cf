//! Attempts reserved before the work they limit (a read of the counters concerned and one write
//! of the changes planned from it), and settled when the work succeeds (one write, no read).

use chrono::{DateTime, Utc};

use super::change::{CounterChange, PlannedChange};
use super::counter::CounterState;
use super::ports::ThrottleRepository;
use super::rule::{ThrottleKey, ThrottleRule};
use super::settlement::Settlement;
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
/// spent (already blocked, or blocked by this attempt); nothing is counted when one was
/// already blocked, and the budgets after the one this attempt blocks are not touched.
pub async fn reserve(
    throttle: &dyn ThrottleRepository,
    budgets: &[Budget],
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
    if budgets.is_empty() {
        return Ok(None);
    }
    let keys: Vec<ThrottleKey> = budgets.iter().map(|budget| budget.key.clone()).collect();
    let counters = throttle.counters(&keys).await?;
    if let Some(retry_at) = latest_block(&counters, now) {
        return Ok(Some(retry_at));
    }
    let mut changes = Vec::with_capacity(budgets.len());
    for (budget, read) in budgets.iter().zip(counters) {
        let change = PlannedChange {
            key: budget.key.clone(),
            read,
            change: CounterChange::Hit(budget.rule.counting_attempts()),
        };
        let blocks = change.planned_state(now)?.blocked_at(now).is_some();
        changes.push(change);
        if blocks {
            break;
        }
    }
    let counted = throttle.apply(&changes, now).await?;
    for (change, state) in changes.iter().zip(counted) {
        if let Some(retry_at) = state.blocked_at(now) {
            security_events::record(&SecurityEvent::LockoutStarted {
                scope: change.key.scope(),
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

/// Settles work that succeeded: forgets the counters of `resets` and gives back the attempts
/// [`reserve`] took from `refunds`, in one write without a read.
pub async fn settle(
    throttle: &dyn ThrottleRepository,
    resets: &[ThrottleKey],
    refunds: &[Budget],
    now: DateTime<Utc>,
) -> Result<(), UnexpectedError> {
    let mut settlements: Vec<Settlement> = resets.iter().cloned().map(Settlement::Forget).collect();
    for budget in refunds {
        settlements.push(Settlement::give_back(budget, now)?);
    }
    if settlements.is_empty() {
        return Ok(());
    }
    throttle.settle(&settlements).await
}

/// Gives back the attempts [`reserve`] took for work that succeeded and should not count.
pub async fn refund(
    throttle: &dyn ThrottleRepository,
    budgets: &[Budget],
    now: DateTime<Utc>,
) -> Result<(), UnexpectedError> {
    settle(throttle, &[], budgets, now).await
}

/// Counts one event (a send made) for `key` under `rule` as it is; returns when the block
/// ends if the counter is now blocked. One write without a read: the store applies the hit to
/// the counter as stored.
pub async fn count(
    throttle: &dyn ThrottleRepository,
    key: &ThrottleKey,
    rule: &ThrottleRule,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
    let change = PlannedChange {
        key: key.clone(),
        read: None,
        change: CounterChange::Hit(*rule),
    };
    let counted = throttle.apply(std::slice::from_ref(&change), now).await?;
    Ok(counted.first().and_then(|state| state.blocked_at(now)))
}

/// The latest block among `keys` still on at `now`, if any.
pub async fn blocked_until(
    throttle: &dyn ThrottleRepository,
    keys: &[ThrottleKey],
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
    if keys.is_empty() {
        return Ok(None);
    }
    Ok(latest_block(&throttle.counters(keys).await?, now))
}

fn latest_block(counters: &[Option<CounterState>], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    counters
        .iter()
        .flatten()
        .filter_map(|state| state.blocked_at(now))
        .max()
}

#[cfg(test)]
#[path = "budget_tests.rs"]
mod tests;
