//! The account service binary's library: configuration, wiring of adapters, and the run loop.
//! `main.rs` only parses the command line.

pub mod app;
pub mod cli;
pub mod config;
mod failure_log;
pub mod metrics;
pub mod secrets;
pub mod serve;
pub mod store;
pub mod wiring;
pub mod worker;
