//! The outbox end to end on a real store: the domain's dispatcher over the store's
//! `OutboxRepository`, delivering to a provider double that can fail on demand and, like a
//! provider that honours idempotency keys, delivers each key once. What issue 8 asks of the
//! outbox: a provider that fails twice then succeeds delivers once; a provider down for a whole
//! run leaves the message waiting, delivered when it returns; a permanent failure ends dead;
//! two workers never send one row twice.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use account_domain::clock::SystemClock;
use account_domain::delivery::{
    EmailMessage, EmailSender, IdempotencyKey, Locale, MessageParams, TemplateId,
};
use account_domain::outbox::{
    DeliveryError, DispatchPorts, DispatchSettings, Jitter, OutboxDispatcher, OutgoingMessage,
    RetryPolicy, Senders,
};
use account_domain::store::Repositories;
use async_trait::async_trait;
use chrono::{Duration, Utc};

/// What the double answers next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Accept,
    Down,
    Refuse,
}

/// An email provider: answers as its mode says, counts every attempt per key, and delivers
/// each idempotency key at most once.
#[derive(Default)]
struct Provider {
    state: Mutex<ProviderState>,
}

#[derive(Default)]
struct ProviderState {
    /// Transient failures still to answer before the mode applies.
    failures_left: u32,
    mode: Option<Mode>,
    attempts: HashMap<String, u32>,
    /// Key → recipient of what was delivered.
    delivered: HashMap<String, String>,
    /// Deliveries a provider without idempotency keys would have made.
    accepted_calls: u32,
}

impl Provider {
    fn new(mode: Mode, failures_first: u32) -> Arc<Self> {
        let provider = Self::default();
        {
            let mut state = provider.state.lock().expect("lock");
            state.mode = Some(mode);
            state.failures_left = failures_first;
        }
        Arc::new(provider)
    }

    fn set_mode(&self, mode: Mode) {
        self.state.lock().expect("lock").mode = Some(mode);
    }

    fn attempts(&self, key: &str) -> u32 {
        *self
            .state
            .lock()
            .expect("lock")
            .attempts
            .get(key)
            .unwrap_or(&0)
    }

    fn delivered(&self) -> HashMap<String, String> {
        self.state.lock().expect("lock").delivered.clone()
    }

    fn accepted_calls(&self) -> u32 {
        self.state.lock().expect("lock").accepted_calls
    }
}

#[async_trait]
impl EmailSender for Provider {
    async fn send_email(
        &self,
        message: &EmailMessage,
        key: &IdempotencyKey,
    ) -> Result<(), DeliveryError> {
        // Another worker's call may overlap this one, as at a real provider.
        tokio::task::yield_now().await;
        let mut state = self.state.lock().expect("lock");
        *state.attempts.entry(key.0.clone()).or_default() += 1;
        if state.failures_left > 0 {
            state.failures_left -= 1;
            return Err(DeliveryError::Transient("HTTP 503".into()));
        }
        match state.mode.unwrap_or(Mode::Accept) {
            Mode::Down => Err(DeliveryError::Transient("connection refused".into())),
            Mode::Refuse => Err(DeliveryError::Permanent("mailbox does not exist".into())),
            Mode::Accept => {
                state.accepted_calls += 1;
                state
                    .delivered
                    .entry(key.0.clone())
                    .or_insert_with(|| message.to.clone());
                Ok(())
            }
        }
    }
}

struct NoJitter;

impl Jitter for NoJitter {
    fn fraction(&self) -> f64 {
        0.0
    }
}

/// A dispatcher over the store whose retries are due at once (no waiting in a test), giving
/// up after `max_attempts`.
fn dispatcher(
    repos: &Repositories,
    provider: Arc<Provider>,
    max_attempts: u32,
) -> OutboxDispatcher {
    let ports = DispatchPorts {
        outbox: repos.outbox.clone(),
        push_tokens: repos.push_tokens.clone(),
        clock: Arc::new(SystemClock),
        jitter: Arc::new(NoJitter),
    };
    let senders = Senders {
        email: Some(provider),
        ..Senders::default()
    };
    let settings = DispatchSettings {
        retry: RetryPolicy {
            max_attempts,
            first_retry: Duration::zero(),
            max_retry: Duration::zero(),
        },
        ..DispatchSettings::default()
    };
    OutboxDispatcher::new(ports, senders, settings)
}

fn code_email(n: u32) -> OutgoingMessage {
    OutgoingMessage::email(
        format!("worker{n}@example.com"),
        TemplateId::VerificationCode,
        Locale::En,
        MessageParams::new()
            .secret("code", format!("{:06}", 100_000 + n))
            .plain("minutes", "10"),
    )
}

async fn enqueue(repos: &Repositories, n: u32) -> i64 {
    repos
        .outbox
        .enqueue(&code_email(n), Utc::now())
        .await
        .expect("enqueue")
}

async fn pending_ids(repos: &Repositories) -> Vec<i64> {
    let pending = repos.outbox.pending().await.expect("pending");
    pending.iter().map(|m| m.id).collect()
}

pub async fn a_provider_failing_twice_then_accepting_delivers_once(repos: &Repositories) {
    let provider = Provider::new(Mode::Accept, 2);
    let worker = dispatcher(repos, provider.clone(), 8);
    let id = enqueue(repos, 1).await;
    let key = format!("outbox-{id}");

    assert_eq!(worker.run_once().await.expect("run"), 0);
    assert_eq!(worker.run_once().await.expect("run"), 0);
    assert_eq!(
        pending_ids(repos).await,
        vec![id],
        "it waits after failures"
    );
    assert_eq!(worker.run_once().await.expect("run"), 1);
    assert_eq!(worker.run_once().await.expect("run"), 0, "nothing left");

    assert_eq!(provider.attempts(&key), 3, "three attempts, one key");
    assert_eq!(
        provider.delivered(),
        HashMap::from([(key, "worker1@example.com".to_owned())])
    );
    assert_eq!(provider.accepted_calls(), 1);
    assert!(pending_ids(repos).await.is_empty());
}

pub async fn a_provider_down_for_a_whole_run_leaves_the_message_waiting(repos: &Repositories) {
    let provider = Provider::new(Mode::Down, 0);
    let worker = dispatcher(repos, provider.clone(), 20);
    let id = enqueue(repos, 2).await;
    for _ in 0..5 {
        assert_eq!(worker.run_once().await.expect("run"), 0);
    }
    assert_eq!(pending_ids(repos).await, vec![id], "still waiting");
    assert!(provider.delivered().is_empty());

    provider.set_mode(Mode::Accept);
    assert_eq!(worker.run_once().await.expect("run"), 1);
    assert_eq!(provider.delivered().len(), 1);
    assert!(pending_ids(repos).await.is_empty());
}

pub async fn a_permanent_failure_ends_the_message_dead(repos: &Repositories) {
    let provider = Provider::new(Mode::Refuse, 0);
    let worker = dispatcher(repos, provider.clone(), 8);
    let id = enqueue(repos, 3).await;
    assert_eq!(worker.run_once().await.expect("run"), 0);
    assert!(pending_ids(repos).await.is_empty(), "dead, not waiting");

    provider.set_mode(Mode::Accept);
    assert_eq!(
        worker.run_once().await.expect("run"),
        0,
        "never tried again"
    );
    assert_eq!(provider.attempts(&format!("outbox-{id}")), 1);
    assert!(provider.delivered().is_empty());
}

pub async fn two_workers_never_send_one_message_twice(repos: &Repositories) {
    let provider = Provider::new(Mode::Accept, 0);
    let first = Arc::new(dispatcher(repos, provider.clone(), 8));
    let second = Arc::new(dispatcher(repos, provider.clone(), 8));
    let mut ids = Vec::new();
    for n in 0..60 {
        ids.push(enqueue(repos, 100 + n).await);
    }
    let mut sent = 0;
    for _ in 0..10 {
        let (a, b) = (first.clone(), second.clone());
        let a = tokio::spawn(async move { a.run_once().await });
        let b = tokio::spawn(async move { b.run_once().await });
        sent += a.await.expect("joined").expect("first worker");
        sent += b.await.expect("joined").expect("second worker");
    }
    assert_eq!(sent, 60, "every message delivered");
    for id in ids {
        assert_eq!(
            provider.attempts(&format!("outbox-{id}")),
            1,
            "message {id} was sent by one worker, once"
        );
    }
    assert_eq!(provider.accepted_calls(), 60);
}
