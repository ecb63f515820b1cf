use account_domain::accounts::{Account, AccountReplacement};
use account_domain::players::PlayerProfile;
use account_domain::values::LoginId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::fields::{birth, birth_text, email, introduce, user_name, within_bytes};
use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// The `{userId}` of `/user/{userId}` and `/user/checkDup/{userId}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserIdPath {
    pub user_id: String,
}

impl UserIdPath {
    /// A login id; anything else is 400 (no account can have it).
    pub fn try_into_domain(self) -> Result<LoginId, ApiError> {
        LoginId::parse(&self.user_id)
            .map_err(|e| ApiError::invalid_request(e.to_string()).with_invalid_fields(["userId"]))
    }
}

/// What the document writes for `nickname` when the user registered no player yet.
pub const NO_PLAYER_NICKNAME: &str = "0";

/// `GET /user/{userId}`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"userId": "gksxodnd", "userName": "한태웅", "nickname": "zookeeper",
    "email": "gksxodnd@example.com", "birth": "1994-05-20",
    "introduce": "나는 코딩하는 오징어야"}))]
pub struct UserDetailResponse {
    pub user_id: String,
    pub user_name: String,
    /// The game nickname; `"0"` when no player is registered yet (register one with
    /// `POST /user/register/game`).
    pub nickname: String,
    pub email: String,
    pub birth: Option<String>,
    pub introduce: String,
}

impl UserDetailResponse {
    pub fn new(account: Account, player: Option<PlayerProfile>) -> Self {
        let user_name = account.display_name().unwrap_or_default();
        Self {
            user_id: account
                .login_id
                .map(|id| id.as_str().to_owned())
                .unwrap_or_default(),
            user_name,
            nickname: player.map_or_else(
                || NO_PLAYER_NICKNAME.to_owned(),
                |p| p.nickname.as_str().to_owned(),
            ),
            email: account.email.as_str().to_owned(),
            birth: birth_text(account.birthdate),
            introduce: account.introduce.unwrap_or_default(),
        }
    }
}

/// `PUT /user/{userId}`: every field is essential. A `passwd` other than the current one
/// becomes the password (and ends the user's other sessions); a new `email` must be verified
/// again (a code is sent to it).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"userName": "한태웅", "passwd": "correct horse battery",
    "email": "gksxodnd@example.com", "birth": "1994-05-20",
    "introduce": "나는 코딩하는 오징어야"}))]
pub struct UpdateUserRequest {
    /// The display name, at most 45 bytes.
    #[schema(required = true, value_type = String)]
    pub user_name: Option<String>,
    /// At most 200 bytes: the current password, or a new one (8 to 128 characters).
    #[schema(required = true, value_type = String)]
    pub passwd: Option<String>,
    /// At most 60 bytes.
    #[schema(required = true, value_type = String)]
    pub email: Option<String>,
    /// `yyyy-MM-dd`.
    #[schema(required = true, value_type = String)]
    pub birth: Option<String>,
    /// At most 128 bytes.
    #[schema(required = true, value_type = String)]
    pub introduce: Option<String>,
}

impl UpdateUserRequest {
    pub fn try_into_domain(self, today: NaiveDate) -> Result<AccountReplacement, ApiError> {
        let mut errors = FieldErrors::new();
        let name = errors.parse("userName", self.user_name, |raw| user_name(raw, 45));
        let password = errors.parse("passwd", self.passwd, |raw| {
            within_bytes(raw, 200).map(str::to_owned)
        });
        let email = errors.parse("email", self.email, email);
        let birthdate = errors.parse("birth", self.birth, |raw| birth(raw, today));
        let introduce = introduce(&mut errors, self.introduce);
        let (Some(name), Some(password), Some(email), Some(birthdate), Some(introduce)) =
            (name, password, email, birthdate, introduce)
        else {
            return Err(errors.into());
        };
        Ok(AccountReplacement {
            name: name.as_str().to_owned(),
            email,
            password,
            birthdate,
            introduce,
        })
    }
}
