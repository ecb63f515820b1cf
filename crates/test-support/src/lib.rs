//! What the store tests share: a throwaway PostgreSQL database per test ([`TestDatabase`]) and
//! the contract test suite every store must pass ([`store_contract_tests!`]), and the contract
//! of each sender port, run against every adapter of that port ([`senders`]).

pub mod contract;
mod database;
pub mod senders;
mod stand_in_provider;
mod store_under_test;

pub use database::TestDatabase;
pub use stand_in_provider::{StandInProvider, node_modules};
pub use store_under_test::{RawStore, StoreUnderTest, test_sealer};
