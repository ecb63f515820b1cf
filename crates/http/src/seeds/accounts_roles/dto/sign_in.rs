use std::collections::BTreeMap;

use account_domain::sign_in::{BrowserLogin, RegistrationInput, SignUpField};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// What the provider's redirect carries (`code` and `state`, or `error`).
#[derive(Debug, Deserialize, IntoParams)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
    /// The provider's refusal (`access_denied` when the user declined).
    pub error: Option<String>,
}

/// `GET /login/oauth2/code/{registrationId}` when the browser is signed in (the session cookie
/// is set).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"userId": 1, "name": "Kim Minji",
    "profileImageUri": "https://lh3.googleusercontent.com/a/photo", "roles": ["USER"]}))]
pub struct SignedInResponse {
    pub user_id: i64,
    pub name: Option<String>,
    /// The account's image, else the provider's picture; `null` when neither exists.
    pub profile_image_uri: Option<String>,
    /// `ADMIN`, `SERVER`, `STAFF`, `USER`.
    pub roles: Vec<&'static str>,
}

impl SignedInResponse {
    pub fn new(login: &BrowserLogin, provider_picture: Option<String>) -> Self {
        let account = &login.account;
        Self {
            user_id: account.id.0,
            name: account.display_name(),
            profile_image_uri: account.profile_image_key.clone().or(provider_picture),
            roles: account.roles.iter().map(|role| role.as_str()).collect(),
        }
    }
}

/// The provider gave too little to create the account (or the address it gave belongs to
/// another account and it did not vouch for it): `POST /account/register` completes the
/// sign-up with these fields.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"message": "insufficient user info", "invalidFields": ["email"]}))]
pub struct InsufficientUserInfoResponse {
    pub message: &'static str,
    pub invalid_fields: Vec<&'static str>,
}

impl InsufficientUserInfoResponse {
    pub const MESSAGE: &'static str = "insufficient user info";

    pub fn new(fields: &[SignUpField]) -> Self {
        Self {
            message: Self::MESSAGE,
            invalid_fields: fields.iter().copied().map(sign_up_field_name).collect(),
        }
    }
}

/// A field of a sign-up in this document's spelling.
pub fn sign_up_field_name(field: SignUpField) -> &'static str {
    match field {
        SignUpField::Name => "name",
        SignUpField::Email => "email",
        SignUpField::Gender => "gender",
        SignUpField::BirthDate => "birthDate",
    }
}

/// `POST /account/register`: the fields the callback named, `{"<invalidField>": "<value>"}`
/// (`name` 2 to 50 characters, `email`, `gender` `MALE`/`FEMALE`, `birthDate` `yyyy-MM-dd`).
/// Other keys are ignored; a value that is not a string is invalid.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"email": "minji@example.com", "name": "Kim Minji"}))]
pub struct SignUpCompletionRequest(pub BTreeMap<String, serde_json::Value>);

impl SignUpCompletionRequest {
    /// The typed fields; a present field that is not a string comes through as an empty one
    /// (which the rules refuse, naming it).
    pub fn into_domain(self) -> RegistrationInput {
        let field = |name: &str| {
            self.0.get(name).map(|value| match value {
                serde_json::Value::String(text) => text.clone(),
                _ => String::new(),
            })
        };
        RegistrationInput {
            name: field("name"),
            email: field("email"),
            gender: field("gender"),
            birth_date: field("birthDate"),
        }
    }
}

/// `POST /account/register` done: the account exists and the browser is signed in.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"message": "successfully registered and logged in"}))]
pub struct SignUpCompletedResponse {
    pub message: &'static str,
}

impl SignUpCompletedResponse {
    pub const MESSAGE: &'static str = "successfully registered and logged in";
}
