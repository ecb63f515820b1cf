use chrono::{DateTime, Utc};

use super::nickname::GameNickname;
use crate::accounts::AccountId;

/// A player's rank class. Every player starts in `Bronze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Bronze,
    Silver,
    Gold,
    Platinum,
    Diamond,
}

impl Tier {
    /// As SG-Finder writes it: `BRONZE`, `SILVER`, ...
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Bronze => "BRONZE",
            Self::Silver => "SILVER",
            Self::Gold => "GOLD",
            Self::Platinum => "PLATINUM",
            Self::Diamond => "DIAMOND",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [
            Self::Bronze,
            Self::Silver,
            Self::Gold,
            Self::Platinum,
            Self::Diamond,
        ]
        .into_iter()
        .find(|tier| tier.as_str() == raw)
    }
}

/// What a player has done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlayerHistory {
    pub win: i64,
    pub lose: i64,
    /// Missions won by finding the enemy with the first shot.
    pub one_shot: i64,
    /// Missions won by finding the enemy in a short time.
    pub finder: i64,
    /// Last week's rank; 0 when the player did not play then.
    pub last_week_rank: i64,
}

/// A weapon a player holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weapon {
    pub name: String,
    pub damage: i64,
    pub price: i64,
    /// Uses left; [`Weapon::UNLIMITED`] for a weapon that never wears out.
    pub usable_count: i32,
}

impl Weapon {
    pub const UNLIMITED: i32 = i32::MAX;

    /// The bare hands every player starts with: no damage, no price, never used up.
    pub fn hand() -> Self {
        Self {
            name: "hand".into(),
            damage: 0,
            price: 0,
            usable_count: Self::UNLIMITED,
        }
    }
}

/// An account's game player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayerProfile {
    pub account_id: AccountId,
    pub nickname: GameNickname,
    pub tier: Tier,
    pub score: i64,
    pub point: i64,
    pub history: PlayerHistory,
    /// In the order they were acquired.
    pub weapons: Vec<Weapon>,
    pub created_at: DateTime<Utc>,
}

impl PlayerProfile {
    /// A new player: `BRONZE`, no score, no points, no history, bare hands.
    pub fn starting(account_id: AccountId, nickname: GameNickname, now: DateTime<Utc>) -> Self {
        Self {
            account_id,
            nickname,
            tier: Tier::Bronze,
            score: 0,
            point: 0,
            history: PlayerHistory::default(),
            weapons: vec![Weapon::hand()],
            created_at: now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::t0;

    #[test]
    fn a_new_player_starts_in_bronze_with_bare_hands() {
        let nickname = GameNickname::parse("zookeeper1").unwrap();
        let player = PlayerProfile::starting(AccountId(3), nickname, t0());
        assert_eq!(player.tier, Tier::Bronze);
        assert_eq!((player.score, player.point), (0, 0));
        assert_eq!(player.history, PlayerHistory::default());
        assert_eq!(
            player.weapons,
            vec![Weapon {
                name: "hand".into(),
                damage: 0,
                price: 0,
                usable_count: 2_147_483_647,
            }]
        );
    }

    #[test]
    fn tiers_read_back_as_written() {
        for tier in [
            Tier::Bronze,
            Tier::Silver,
            Tier::Gold,
            Tier::Platinum,
            Tier::Diamond,
        ] {
            assert_eq!(Tier::parse(tier.as_str()), Some(tier));
        }
        assert_eq!(Tier::parse("bronze"), None);
    }
}
