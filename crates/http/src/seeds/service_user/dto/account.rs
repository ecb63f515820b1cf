use account_domain::accounts::{Account, InfoPatch};
use account_domain::email_codes::SignUpDetails;
use account_domain::values::{Nickname, Password, PersonName, Phone};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// The document's `Info` object.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
pub struct InfoFields {
    /// 1 to 50 characters.
    #[schema(value_type = String)]
    pub first_name: Option<String>,
    /// 1 to 50 characters.
    #[schema(value_type = String)]
    pub last_name: Option<String>,
    /// 1 to 30 characters, unique among accounts.
    #[schema(value_type = String)]
    pub nickname: Option<String>,
    /// E.164 (`+821012345678`); spaces and dashes are dropped.
    #[schema(value_type = String)]
    pub phone: Option<String>,
}

/// `POST /v1/account/add?Token=`: every field is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
#[schema(example = json!({"Password": "correct horse battery", "Info": {"FirstName": "Mireu",
    "LastName": "Lim", "Nickname": "mireu", "Phone": "+821012345678"}}))]
pub struct AddRequest {
    /// 8 to 128 characters, not a common password, not the address or the nickname.
    #[schema(required = true, value_type = String)]
    pub password: Option<String>,
    #[schema(required = true)]
    pub info: Option<InfoFields>,
}

impl AddRequest {
    pub fn try_into_domain(self) -> Result<SignUpDetails, ApiError> {
        let mut errors = FieldErrors::new();
        let password = errors.parse("Password", self.password, Password::parse);
        let info = self.info.unwrap_or_default();
        let first_name = errors.parse("Info.FirstName", info.first_name, PersonName::parse);
        let last_name = errors.parse("Info.LastName", info.last_name, PersonName::parse);
        let nickname = errors.parse("Info.Nickname", info.nickname, Nickname::parse);
        let phone = errors.parse("Info.Phone", info.phone, Phone::parse);
        let (Some(password), Some(first_name), Some(last_name), Some(nickname), Some(phone)) =
            (password, first_name, last_name, nickname, phone)
        else {
            return Err(errors.into());
        };
        Ok(SignUpDetails {
            password,
            first_name,
            last_name,
            nickname,
            phone,
        })
    }
}

/// The account created: the document's `Done.` and its public id.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"msg": "Done.",
    "UserID": "6f8ef70a36f013f3332ef65240fd86363751119c28661738e63b649a149a1c29"}))]
pub struct AddedResponse {
    pub msg: &'static str,
    #[serde(rename = "UserID")]
    pub user_id: String,
}

impl AddedResponse {
    pub fn new(account: &Account) -> Self {
        Self {
            msg: "Done.",
            user_id: account.public_id.to_string(),
        }
    }
}

/// `PUT /v1/account/update`: every field may be left out. The document's example also sends
/// `Password`; a password is changed only with an emailed code
/// (`PUT /v1/account/auth/update`), so it is not read here.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
#[schema(example = json!({"Info": {"Nickname": "mireu", "Phone": "+821012345678"}}))]
pub struct InfoUpdateRequest {
    pub info: Option<InfoFields>,
}

impl InfoUpdateRequest {
    pub fn try_into_domain(self) -> Result<InfoPatch, ApiError> {
        let mut errors = FieldErrors::new();
        let info = self.info.unwrap_or_default();
        let first_name =
            errors.parse_optional("Info.FirstName", info.first_name, PersonName::parse);
        let last_name = errors.parse_optional("Info.LastName", info.last_name, PersonName::parse);
        let nickname = errors.parse_optional("Info.Nickname", info.nickname, Nickname::parse);
        let phone = errors.parse_optional("Info.Phone", info.phone, Phone::parse);
        let (Some(first_name), Some(last_name), Some(nickname), Some(phone)) =
            (first_name, last_name, nickname, phone)
        else {
            return Err(errors.into());
        };
        Ok(InfoPatch {
            first_name,
            last_name,
            nickname,
            phone,
        })
    }
}

/// `GET /v1/account/info`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"Info": {"FirstName": "Mireu", "LastName": "Lim",
    "Nickname": "mireu", "Phone": "+821012345678", "Email": "limmireu1214@gmail.com",
    "Join Time": 1673283405.56986}}))]
pub struct InfoResponse {
    #[serde(rename = "Info")]
    pub info: JoinedInfo,
}

/// The account's personal information and when it joined.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
pub struct JoinedInfo {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub nickname: Option<String>,
    pub phone: Option<String>,
    pub email: String,
    /// Seconds since the Unix epoch, with the fraction, as the document's example shows.
    #[serde(rename = "Join Time")]
    pub join_time: f64,
}

impl From<&Account> for InfoResponse {
    fn from(account: &Account) -> Self {
        let created = account.created_at;
        let join_time =
            created.timestamp() as f64 + f64::from(created.timestamp_subsec_micros()) / 1e6;
        Self {
            info: JoinedInfo {
                first_name: account.first_name.clone(),
                last_name: account.last_name.clone(),
                nickname: account.nickname.clone(),
                phone: account.phone.as_ref().map(|p| p.as_str().to_owned()),
                email: account.email.as_str().to_owned(),
                join_time,
            },
        }
    }
}
