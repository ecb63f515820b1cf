use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::players::{GameNickname, PlayerHistory, PlayerProfile, Tier, Weapon};
use diesel::prelude::*;

use super::{UnknownCode, invalid_field};
use crate::schema::{player_profiles, player_weapons};
use crate::time::StoredTime;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = player_profiles)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct PlayerProfileRow {
    pub account_id: i64,
    pub nickname: String,
    pub nickname_lower: String,
    pub tier: String,
    pub score: i64,
    pub point: i64,
    pub win: i64,
    pub lose: i64,
    pub one_shot: i64,
    pub finder: i64,
    pub last_week_rank: i64,
    pub created_at: StoredTime,
    pub updated_at: StoredTime,
}

impl PlayerProfileRow {
    pub fn from_domain(player: &PlayerProfile) -> Self {
        Self {
            account_id: player.account_id.0,
            nickname: player.nickname.as_str().to_owned(),
            nickname_lower: player.nickname.normalized(),
            tier: player.tier.as_str().to_owned(),
            score: player.score,
            point: player.point,
            win: player.history.win,
            lose: player.history.lose,
            one_shot: player.history.one_shot,
            finder: player.history.finder,
            last_week_rank: player.history.last_week_rank,
            created_at: StoredTime(player.created_at),
            updated_at: StoredTime(player.created_at),
        }
    }

    pub fn into_domain(
        self,
        weapons: Vec<PlayerWeaponRow>,
    ) -> Result<PlayerProfile, UnexpectedError> {
        let id = self.account_id;
        let tier = Tier::parse(&self.tier)
            .ok_or_else(|| UnknownCode(self.tier.clone()))
            .map_err(invalid_field("player", id, "tier"))?;
        Ok(PlayerProfile {
            account_id: AccountId(id),
            nickname: GameNickname::parse(&self.nickname)
                .map_err(invalid_field("player", id, "nickname"))?,
            tier,
            score: self.score,
            point: self.point,
            history: PlayerHistory {
                win: self.win,
                lose: self.lose,
                one_shot: self.one_shot,
                finder: self.finder,
                last_week_rank: self.last_week_rank,
            },
            weapons: weapons
                .into_iter()
                .map(PlayerWeaponRow::into_domain)
                .collect(),
            created_at: self.created_at.into(),
        })
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = player_weapons)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct PlayerWeaponRow {
    pub id: i64,
    pub account_id: i64,
    pub position: i32,
    pub name: String,
    pub damage: i64,
    pub price: i64,
    pub usable_count: i32,
}

impl PlayerWeaponRow {
    fn into_domain(self) -> Weapon {
        Weapon {
            name: self.name,
            damage: self.damage,
            price: self.price,
            usable_count: self.usable_count,
        }
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = player_weapons)]
pub struct NewPlayerWeaponRow {
    pub account_id: i64,
    pub position: i32,
    pub name: String,
    pub damage: i64,
    pub price: i64,
    pub usable_count: i32,
}

impl NewPlayerWeaponRow {
    /// The player's weapons in their order.
    pub fn all_of(player: &PlayerProfile) -> Vec<Self> {
        player
            .weapons
            .iter()
            .zip(0..)
            .map(|(weapon, position)| Self {
                account_id: player.account_id.0,
                position,
                name: weapon.name.clone(),
                damage: weapon.damage,
                price: weapon.price,
                usable_count: weapon.usable_count,
            })
            .collect()
    }
}
