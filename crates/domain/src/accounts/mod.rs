//! Root user accounts: the model, the store port and the use cases around registration and
//! the own profile.

mod model;
mod ports;
mod service;

pub use model::{Account, AccountId, NewAccount, RegisterType};
#[cfg(any(test, feature = "mock"))]
pub use ports::MockAccountRepository;
pub use ports::{AccountRepository, CreateAccountError};
pub use service::{AccountService, ProfileError, RegisterCommand, RegisterError};
