//! For tests: the security events a future logs, caught by a subscriber of its own (no other
//! test's events, no global subscriber needed).

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use tracing::field::{Field, Visit};
use tracing::instrument::WithSubscriber;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

use super::TARGET;

/// One security event as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapturedEvent {
    pub target: String,
    pub level: Level,
    /// Every field with its value (strings without quotes), `message` included.
    pub fields: BTreeMap<String, String>,
}

impl CapturedEvent {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }

    /// The event's name (its `event` field).
    pub fn name(&self) -> &str {
        self.field("event").unwrap_or_default()
    }

    /// Panics unless the event is at `level` and has each field of `expected` with its value.
    pub fn assert_has(&self, level: Level, expected: &[(&str, &str)]) {
        assert_eq!(self.level, level, "{self:?}");
        for (name, value) in expected {
            assert_eq!(self.field(name), Some(*value), "{name} of {self:?}");
        }
    }
}

/// The security events logged while a future ran ([`capture`]).
#[derive(Clone, Default)]
pub struct SecurityLog(Arc<Mutex<Vec<CapturedEvent>>>);

impl SecurityLog {
    pub fn events(&self) -> Vec<CapturedEvent> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The events with this name, in order.
    pub fn named(&self, name: &str) -> Vec<CapturedEvent> {
        self.events()
            .into_iter()
            .filter(|e| e.name() == name)
            .collect()
    }

    /// The one event named `name`; panics, listing every event, when there is none or several.
    pub fn only(&self, name: &str) -> CapturedEvent {
        let mut named = self.named(name);
        assert_eq!(named.len(), 1, "one {name} event in {:?}", self.events());
        named.remove(0)
    }

    /// The names of the events, in order.
    pub fn names(&self) -> Vec<String> {
        self.events().iter().map(|e| e.name().to_owned()).collect()
    }
}

/// Runs `future` with a subscriber that keeps its security events; returns its output and them.
pub async fn capture<F: Future>(future: F) -> (F::Output, SecurityLog) {
    let log = SecurityLog::default();
    let output = future.with_subscriber(log.clone()).await;
    (output, log)
}

struct FieldsOf<'a>(&'a mut BTreeMap<String, String>);

impl Visit for FieldsOf<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for SecurityLog {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        if event.metadata().target() != TARGET {
            return;
        }
        let mut fields = BTreeMap::new();
        event.record(&mut FieldsOf(&mut fields));
        let captured = CapturedEvent {
            target: TARGET.to_owned(),
            level: *event.metadata().level(),
            fields,
        };
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(captured);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
