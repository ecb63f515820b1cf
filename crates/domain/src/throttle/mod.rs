//! Brute-force throttling: failure counters per key (account identifier, IP, code target),
//! kept in the store so that every service instance sees the same counts.

mod budget;
mod change;
mod counter;
mod hit;
#[cfg(any(test, feature = "mock"))]
mod in_memory;
mod ports;
mod rule;
mod settlement;

pub use budget::{Budget, blocked_until, count, refund, reserve, settle};
pub use change::{CounterChange, PlannedChange};
pub use counter::CounterState;
pub use hit::Hit;
#[cfg(any(test, feature = "mock"))]
pub use in_memory::InMemoryThrottle;
#[cfg(any(test, feature = "mock"))]
pub use ports::MockThrottleRepository;
pub use ports::ThrottleRepository;
pub use rule::{ThrottleKey, ThrottleRule};
pub use settlement::Settlement;
