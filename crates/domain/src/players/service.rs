use std::sync::Arc;

use super::model::PlayerProfile;
use super::nickname::GameNickname;
use super::ports::{CreatePlayerError, PlayerRepository};
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::auth::Principal;
use crate::clock::Clock;

#[derive(Debug, thiserror::Error)]
pub enum RegisterPlayerError {
    #[error("game nickname already taken")]
    NicknameTaken,
    #[error("the account has a player already")]
    AlreadyRegistered,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// The caller's game player.
pub struct PlayerService {
    players: Arc<dyn PlayerRepository>,
    clock: Arc<dyn Clock>,
}

impl PlayerService {
    pub fn new(players: Arc<dyn PlayerRepository>, clock: Arc<dyn Clock>) -> Self {
        Self { players, clock }
    }

    /// Registers the caller's player under `nickname`, starting as every player does
    /// ([`PlayerProfile::starting`]).
    pub async fn register(
        &self,
        caller: &Principal,
        nickname: GameNickname,
    ) -> Result<PlayerProfile, RegisterPlayerError> {
        let player = PlayerProfile::starting(caller.account_id, nickname, self.clock.now());
        self.players.create(&player).await.map_err(|e| match e {
            CreatePlayerError::NicknameTaken => RegisterPlayerError::NicknameTaken,
            CreatePlayerError::AlreadyRegistered => RegisterPlayerError::AlreadyRegistered,
            CreatePlayerError::Unexpected(e) => RegisterPlayerError::Unexpected(e),
        })
    }

    /// The account's player, if it registered one.
    pub async fn player_of(
        &self,
        account: AccountId,
    ) -> Result<Option<PlayerProfile>, UnexpectedError> {
        self.players.find(account).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::players::{MockPlayerRepository, Tier};
    use crate::testing::{clock_at, principal, t0};

    fn service(players: MockPlayerRepository) -> PlayerService {
        PlayerService::new(Arc::new(players), Arc::new(clock_at(t0())))
    }

    fn nickname() -> GameNickname {
        GameNickname::parse("Zookeeper").unwrap()
    }

    #[tokio::test]
    async fn registering_stores_a_starting_player_of_the_caller() {
        let mut players = MockPlayerRepository::new();
        players
            .expect_create()
            .withf(|p| {
                p.account_id == AccountId(4)
                    && p.tier == Tier::Bronze
                    && p.created_at == t0()
                    && p.nickname.as_str() == "Zookeeper"
            })
            .times(1)
            .returning(|p| Ok(p.clone()));
        let player = service(players)
            .register(&principal(4, &[]), nickname())
            .await
            .unwrap();
        assert_eq!(player.weapons.len(), 1);
    }

    #[tokio::test]
    async fn a_taken_nickname_or_a_second_player_is_refused() {
        for (refusal, expected) in [
            (CreatePlayerError::NicknameTaken, "taken"),
            (CreatePlayerError::AlreadyRegistered, "already"),
        ] {
            let mut players = MockPlayerRepository::new();
            players.expect_create().return_once(move |_| Err(refusal));
            let result = service(players)
                .register(&principal(4, &[]), nickname())
                .await;
            let matched = match result {
                Err(RegisterPlayerError::NicknameTaken) => "taken",
                Err(RegisterPlayerError::AlreadyRegistered) => "already",
                _ => "other",
            };
            assert_eq!(matched, expected);
        }
    }
}
