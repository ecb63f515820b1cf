use account_domain::accounts::{Account, RegisterCommand};
use account_domain::values::{LoginId, Password};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::fields::{birth, birth_text, email, introduce, user_name, within_bytes};
use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// `POST /user/signup`: every field is essential.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"userId": "gksxodnd", "passwd": "correct horse battery",
    "userName": "한태웅", "email": "gksxodnd@example.com", "birth": "1994-05-20",
    "introduce": "안녕 나는 코딩하는 오징어야"}))]
pub struct SignUpRequest {
    /// 4 to 45 letters, digits, `_.-`; not a route word (`signup`, `checkDup`, ...).
    #[schema(required = true, value_type = String)]
    pub user_id: Option<String>,
    /// At most 200 bytes; 8 to 128 characters, not a common password (the example `dkgh12`
    /// is refused).
    #[schema(required = true, value_type = String)]
    pub passwd: Option<String>,
    /// The display name, at most 40 bytes.
    #[schema(required = true, value_type = String)]
    pub user_name: Option<String>,
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

impl SignUpRequest {
    pub fn try_into_domain(self, today: NaiveDate) -> Result<RegisterCommand, ApiError> {
        let mut errors = FieldErrors::new();
        let login_id = errors.parse("userId", self.user_id, LoginId::parse);
        let password = errors.parse("passwd", self.passwd, |raw| {
            Password::parse(within_bytes(raw, 200)?).map_err(|e| e.to_string())
        });
        let name = errors.parse("userName", self.user_name, |raw| user_name(raw, 40));
        let email = errors.parse("email", self.email, email);
        let birthdate = errors.parse("birth", self.birth, |raw| birth(raw, today));
        let introduce = introduce(&mut errors, self.introduce);
        let (
            Some(login_id),
            Some(password),
            Some(name),
            Some(email),
            Some(birthdate),
            Some(introduce),
        ) = (login_id, password, name, email, birthdate, introduce)
        else {
            return Err(errors.into());
        };
        Ok(RegisterCommand {
            login_id: Some(login_id),
            name: Some(name),
            birthdate: Some(birthdate),
            introduce: Some(introduce),
            ..RegisterCommand::new(email, password)
        })
    }
}

/// A user as sign-up and `PUT /user/{userId}` answer it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"userId": "gksxodnd", "userName": "한태웅",
    "email": "gksxodnd@example.com", "birth": "1994-05-20",
    "introduce": "안녕 나는 코딩하는 오징어야"}))]
pub struct UserResponse {
    pub user_id: String,
    pub user_name: String,
    pub email: String,
    pub birth: Option<String>,
    pub introduce: String,
}

impl From<Account> for UserResponse {
    fn from(account: Account) -> Self {
        let user_name = account.display_name().unwrap_or_default();
        Self {
            user_id: account
                .login_id
                .map(|id| id.as_str().to_owned())
                .unwrap_or_default(),
            user_name,
            email: account.email.as_str().to_owned(),
            birth: birth_text(account.birthdate),
            introduce: account.introduce.unwrap_or_default(),
        }
    }
}
