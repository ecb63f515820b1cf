//! Forgetting what is no longer needed: sent outbox messages, and expired codes, sessions,
//! refresh tokens, throttle counters and pending sign-ins, once a retention period has passed
//! since they ended ([`PurgeJob`], run by the server's worker). Dead outbox messages stay for
//! operators, and nothing the audit log refers to (accounts) is ever purged.

mod job;
mod policy;

pub use job::{PURGE_BATCH, PurgeJob, PurgePorts, PurgeReport};
pub use policy::PurgePolicy;

#[cfg(test)]
mod tests;
