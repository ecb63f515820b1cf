use account_domain::accounts::Account;
use chrono::SecondsFormat;
use serde::Serialize;
use utoipa::ToSchema;

/// `GET /accounts/{accountId}` (and the answer to `PATCH`). The optional fields (`gender`,
/// `birthDate`, `profileImgUri`, `locale`) are left out when the account has none; `gender` is
/// also left out for the domain's non-binary and prefer-not-to-say.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "userId": 1, "name": "John Doe", "email": "user@example.com", "roles": ["USER"],
    "createdAt": "2023-10-08T03:59:55.536658Z", "gender": "MALE", "birthDate": "1997-01-01",
    "locale": "ko-KR", "emailVerified": true
}))]
pub struct AccountDetailResponse {
    pub user_id: i64,
    /// The display name ([`Account::display_name`]: the chosen one, else `last_name first_name`
    /// from the Lux profile); `null` when no name was given.
    pub name: Option<String>,
    pub email: String,
    /// `ADMIN`, `SERVER`, `STAFF`, `USER`.
    pub roles: Vec<&'static str>,
    /// RFC 3339, microseconds, UTC: `2023-10-08T03:59:55.536658Z`.
    pub created_at: String,
    /// `MALE` or `FEMALE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<&'static str>,
    /// `yyyy-MM-dd`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_img_uri: Option<String>,
    /// A BCP 47 language tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    pub email_verified: bool,
}

impl AccountDetailResponse {
    /// The account, its image at `image_uri` ([`ProfileImageService::uri_of`](account_domain::profile_images::ProfileImageService::uri_of)).
    pub fn new(account: Account, image_uri: Option<String>) -> Self {
        Self {
            user_id: account.id.0,
            name: account.display_name(),
            email: account.email.as_str().to_owned(),
            roles: account.roles.iter().map(|role| role.as_str()).collect(),
            created_at: account
                .created_at
                .to_rfc3339_opts(SecondsFormat::Micros, true),
            gender: account.gender.and_then(|g| g.word()),
            birth_date: account.birthdate.map(|b| b.iso()),
            profile_img_uri: image_uri,
            locale: account.locale,
            email_verified: account.email_verified,
        }
    }
}

/// `GET /accounts/{accountId}/summary` and `GET /users/{userId}/profile`: `profileImgUri` is
/// `null` when the account has no image.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"userId": 1, "name": "John Doe", "profileImgUri": null}))]
pub struct AccountSummaryResponse {
    pub user_id: i64,
    /// The display name, as in [`AccountDetailResponse`].
    pub name: Option<String>,
    pub profile_img_uri: Option<String>,
}

impl AccountSummaryResponse {
    /// The account's name, its image at `image_uri`.
    pub fn new(account: Account, image_uri: Option<String>) -> Self {
        Self {
            user_id: account.id.0,
            name: account.display_name(),
            profile_img_uri: image_uri,
        }
    }
}
