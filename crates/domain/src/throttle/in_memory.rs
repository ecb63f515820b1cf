//! Counters in a map, for tests of the use cases that count (and of anything built on the
//! domain alone): what a test asserts is the counters' state, not the calls that made it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::change::PlannedChange;
use super::counter::CounterState;
use super::ports::ThrottleRepository;
use super::rule::ThrottleKey;
use super::settlement::Settlement;
use crate::UnexpectedError;

/// A [`ThrottleRepository`] in memory; one lock makes every `apply` and `settle` atomic.
#[derive(Debug, Default)]
pub struct InMemoryThrottle {
    counters: Mutex<HashMap<String, CounterState>>,
    failing: AtomicBool,
}

impl InMemoryThrottle {
    pub fn new() -> Self {
        Self::default()
    }

    /// From now on every call fails as a store that cannot be reached would.
    pub fn fail(&self) {
        self.failing.store(true, Ordering::SeqCst);
    }

    /// The counter stored under the key named `name` (e.g. `login:ip:10.0.0.1`).
    pub fn state(&self, name: &str) -> Option<CounterState> {
        self.lock().get(name).copied()
    }

    /// How many events the counter named `name` holds in its window (0 when there is none).
    pub fn count(&self, name: &str) -> u32 {
        self.state(name).map_or(0, |state| state.count)
    }

    /// Stores `state` under `key`, as earlier attempts would have.
    pub fn set(&self, key: &ThrottleKey, state: CounterState) {
        self.lock().insert(key.as_str().to_owned(), state);
    }

    /// Blocks `key` until `until`.
    pub fn block(&self, key: &ThrottleKey, until: DateTime<Utc>) {
        let window_started_at = until - chrono::Duration::days(1);
        self.set(
            key,
            CounterState {
                window_started_at,
                count: 0,
                blocked_until: Some(until),
            },
        );
    }

    /// The names of every stored counter, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.lock().keys().cloned().collect();
        names.sort();
        names
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, CounterState>> {
        self.counters
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn check(&self) -> Result<(), UnexpectedError> {
        if self.failing.load(Ordering::SeqCst) {
            return Err(UnexpectedError::new("throttle store unreachable"));
        }
        Ok(())
    }
}

#[async_trait]
impl ThrottleRepository for InMemoryThrottle {
    async fn counters(
        &self,
        keys: &[ThrottleKey],
    ) -> Result<Vec<Option<CounterState>>, UnexpectedError> {
        self.check()?;
        let counters = self.lock();
        Ok(keys
            .iter()
            .map(|key| counters.get(key.as_str()).copied())
            .collect())
    }

    async fn apply(
        &self,
        changes: &[PlannedChange],
        now: DateTime<Utc>,
    ) -> Result<Vec<CounterState>, UnexpectedError> {
        self.check()?;
        let mut counters = self.lock();
        let mut states = Vec::with_capacity(changes.len());
        for change in changes {
            let stored = counters.get(change.key.as_str()).copied();
            let (after, needs_writing) = change.outcome(stored, now)?;
            if needs_writing {
                counters.insert(change.key.as_str().to_owned(), after);
            }
            states.push(after);
        }
        Ok(states)
    }

    async fn settle(&self, settlements: &[Settlement]) -> Result<(), UnexpectedError> {
        self.check()?;
        let mut counters = self.lock();
        for settlement in settlements {
            let name = settlement.key().as_str();
            if let Some(after) = counters
                .get(name)
                .and_then(|stored| settlement.settled(*stored))
            {
                counters.insert(name.to_owned(), after);
            }
        }
        Ok(())
    }

    async fn purge_stale(&self, before: DateTime<Utc>, limit: u32) -> Result<u64, UnexpectedError> {
        self.check()?;
        let mut counters = self.lock();
        let stale: Vec<String> = counters
            .iter()
            .filter(|(_, state)| {
                state.window_started_at < before
                    && state.blocked_until.is_none_or(|until| until < before)
            })
            .map(|(name, _)| name.clone())
            .take(limit as usize)
            .collect();
        for name in &stale {
            counters.remove(name);
        }
        Ok(stale.len() as u64)
    }
}
