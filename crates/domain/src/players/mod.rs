//! Game player profiles (SG-Finder): a game nickname, tier, score, points, match history and
//! weapons, kept apart from the account (its own tables), one per account at most.

mod model;
mod nickname;
mod ports;
mod service;

pub use model::{PlayerHistory, PlayerProfile, Tier, Weapon};
pub use nickname::{GameNickname, GameNicknameError};
#[cfg(any(test, feature = "mock"))]
pub use ports::MockPlayerRepository;
pub use ports::{CreatePlayerError, PlayerRepository};
pub use service::{PlayerService, RegisterPlayerError};
