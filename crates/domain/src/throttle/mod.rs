//! Brute-force throttling: failure counters per key (account identifier, IP, code target),
//! kept in the store so that every service instance sees the same counts.

mod budget;
mod counter;
mod ports;
mod rule;

pub use budget::{Budget, refund, reserve};
pub use counter::CounterState;
#[cfg(any(test, feature = "mock"))]
pub use ports::MockThrottleRepository;
pub use ports::ThrottleRepository;
pub use rule::{ThrottleKey, ThrottleRule};
