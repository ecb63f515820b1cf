use account_domain::accounts::Account;
use serde::Serialize;
use utoipa::ToSchema;

/// `{id, email, name}`: the registration answer and the profile.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": 1, "email": "user@example.com", "name": "John Doe"}))]
pub struct AccountResponse {
    pub id: i64,
    pub email: String,
    /// The display name (the chosen one, else `last_name first_name` from the Lux profile);
    /// empty when no name was given.
    pub name: String,
}

impl From<Account> for AccountResponse {
    fn from(account: Account) -> Self {
        Self {
            id: account.id.0,
            email: account.email.as_str().to_owned(),
            name: account.display_name().unwrap_or_default(),
        }
    }
}
