use account_domain::players::{GameNickname, PlayerProfile, Weapon};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `POST /user/register/game`.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"nickname": "Zookeeper"}))]
pub struct RegisterGameRequest {
    /// At most 50 bytes, unique among players (whatever the case).
    #[schema(required = true, value_type = String)]
    pub nickname: Option<String>,
}

impl RegisterGameRequest {
    pub fn try_into_domain(self) -> Result<GameNickname, ApiError> {
        let mut errors = FieldErrors::new();
        errors
            .parse("nickname", self.nickname, GameNickname::parse)
            .ok_or_else(|| errors.into())
    }
}

/// A player, exactly as the document's example.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"nickname": "zookeeper1", "tier": "BRONZE", "score": 0,
    "history": {"win": 0, "lose": 0, "oneShot": 0, "finder": 0, "lastWeekRank": 0},
    "weapon": [{"name": "hand", "damage": 0, "price": 0, "usableCount": 2147483647}],
    "point": 0}))]
pub struct PlayerResponse {
    pub nickname: String,
    pub tier: String,
    pub score: i64,
    pub history: HistoryResponse,
    pub weapon: Vec<WeaponResponse>,
    pub point: i64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HistoryResponse {
    pub win: i64,
    pub lose: i64,
    pub one_shot: i64,
    pub finder: i64,
    pub last_week_rank: i64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WeaponResponse {
    pub name: String,
    pub damage: i64,
    pub price: i64,
    pub usable_count: i32,
}

impl From<Weapon> for WeaponResponse {
    fn from(weapon: Weapon) -> Self {
        Self {
            name: weapon.name,
            damage: weapon.damage,
            price: weapon.price,
            usable_count: weapon.usable_count,
        }
    }
}

impl From<PlayerProfile> for PlayerResponse {
    fn from(player: PlayerProfile) -> Self {
        Self {
            nickname: player.nickname.as_str().to_owned(),
            tier: player.tier.as_str().to_owned(),
            score: player.score,
            history: HistoryResponse {
                win: player.history.win,
                lose: player.history.lose,
                one_shot: player.history.one_shot,
                finder: player.history.finder,
                last_week_rank: player.history.last_week_rank,
            },
            weapon: player.weapons.into_iter().map(Into::into).collect(),
            point: player.point,
        }
    }
}

#[cfg(test)]
mod tests {
    use account_domain::accounts::AccountId;
    use chrono::Utc;
    use serde_json::json;

    use super::*;

    #[test]
    fn a_new_player_is_written_exactly_as_the_example() {
        let nickname = GameNickname::parse("zookeeper1").unwrap_or_else(|_| unreachable!());
        let player = PlayerProfile::starting(AccountId(1), nickname, Utc::now());
        let response = PlayerResponse::from(player);
        assert_eq!(
            serde_json::to_value(&response).unwrap_or_default(),
            json!({"nickname": "zookeeper1", "tier": "BRONZE", "score": 0,
                "history": {"win": 0, "lose": 0, "oneShot": 0, "finder": 0, "lastWeekRank": 0},
                "weapon": [{"name": "hand", "damage": 0, "price": 0, "usableCount": 2147483647}],
                "point": 0})
        );
        let written = serde_json::to_string(&response).unwrap_or_default();
        let at = |key: &str| written.find(&format!("\"{key}\"")).unwrap_or(usize::MAX);
        let order = ["nickname", "tier", "score", "history", "weapon", "point"].map(at);
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "in the example's order: {written}"
        );
    }
}
