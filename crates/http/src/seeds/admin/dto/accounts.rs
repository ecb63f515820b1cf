use account_domain::accounts::Account;
use account_domain::admin::{AccountPage, AccountQuery, AccountState, QueryField, RetentionPolicy};
use account_domain::values::{Role, Roles};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::errors::ApiError;

/// An account as the administration sees it, whatever its state.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminAccountResponse {
    pub id: i64,
    pub email: String,
    pub login_id: Option<String>,
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    #[schema(example = json!(["ADMIN", "USER"]))]
    pub roles: Vec<&'static str>,
    /// `active`, `banned` or `deleted`.
    #[schema(example = "active")]
    pub state: &'static str,
    pub email_verified: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub banned_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Until when ADMIN may restore a deleted account; absent once it is anonymised.
    pub restorable_until: Option<DateTime<Utc>>,
    /// When the personal fields of the deleted account were erased.
    pub anonymized_at: Option<DateTime<Utc>>,
}

impl AdminAccountResponse {
    pub fn new(account: Account, retention: RetentionPolicy) -> Self {
        let restorable_until = account
            .deleted_at
            .filter(|_| account.anonymized_at.is_none())
            .map(|deleted_at| retention.restorable_until(deleted_at));
        let name = account.display_name();
        Self {
            id: account.id.0,
            state: AccountState::of(&account).as_str(),
            email: account.email.as_str().to_owned(),
            login_id: account.login_id.map(|id| id.as_str().to_owned()),
            name,
            first_name: account.first_name,
            last_name: account.last_name,
            phone: account.phone.map(|p| p.as_str().to_owned()),
            roles: account.roles.iter().map(|r| r.as_str()).collect(),
            email_verified: account.email_verified,
            created_at: account.created_at,
            updated_at: account.updated_at,
            banned_at: account.banned_at,
            deleted_at: account.deleted_at,
            restorable_until,
            anonymized_at: account.anonymized_at,
        }
    }
}

/// One page of accounts.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountPageResponse {
    pub accounts: Vec<AdminAccountResponse>,
    pub page: u32,
    pub size: u32,
    /// How many accounts match in all.
    pub total: u64,
}

impl AccountPageResponse {
    pub fn new(page: AccountPage, query: &AccountQuery, retention: RetentionPolicy) -> Self {
        Self {
            accounts: page
                .accounts
                .into_iter()
                .map(|a| AdminAccountResponse::new(a, retention))
                .collect(),
            page: query.page.page,
            size: query.page.size,
            total: page.total,
        }
    }
}

/// The filters of `GET /admin/accounts`; every given one must hold.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountSearchParams {
    /// Part of the email address (case-insensitive).
    email: Option<String>,
    /// Part of the display, first or last name (case-insensitive).
    name: Option<String>,
    /// A role held: `ADMIN`, `SERVER`, `STAFF` or `USER`.
    role: Option<String>,
    /// `active`, `banned` or `deleted`.
    state: Option<String>,
    /// From 1 (default 1).
    page: Option<String>,
    /// 1 to 100 (default 20).
    size: Option<String>,
}

impl AccountSearchParams {
    pub fn try_into_domain(self) -> Result<AccountQuery, ApiError> {
        let mut invalid: Vec<&'static str> = Vec::new();
        let page = number(self.page.as_deref(), "page", &mut invalid);
        let size = number(self.size.as_deref(), "size", &mut invalid);
        let parsed = AccountQuery::parse(
            self.email.as_deref(),
            self.name.as_deref(),
            self.role.as_deref(),
            self.state.as_deref(),
            page,
            size,
        );
        let fields = match parsed {
            Ok(query) if invalid.is_empty() => return Ok(query),
            Ok(_) => Vec::new(),
            Err(fields) => fields,
        };
        for field in fields {
            let name = match field {
                QueryField::Email => "email",
                QueryField::Name => "name",
                QueryField::Role => "role",
                QueryField::State => "state",
                QueryField::Page => "page",
                QueryField::Size => "size",
            };
            if !invalid.contains(&name) {
                invalid.push(name);
            }
        }
        Err(ApiError::invalid_request(
            "Invalid search: email and name 1 to 100 characters, role ADMIN|SERVER|STAFF|USER, \
             state active|banned|deleted, page from 1, size 1 to 100",
        )
        .with_invalid_fields(invalid))
    }
}

/// A whole number parameter; a bad one is named in `invalid`.
pub(super) fn number(
    raw: Option<&str>,
    field: &'static str,
    invalid: &mut Vec<&'static str>,
) -> Option<u32> {
    let raw = raw?;
    match raw.trim().parse() {
        Ok(value) => Some(value),
        Err(_) => {
            invalid.push(field);
            None
        }
    }
}

/// The roles an account is to have (`USER` must be among them; `ROLE_` prefixes accepted).
#[derive(Debug, Deserialize, ToSchema)]
pub struct RolesRequest {
    #[schema(example = json!(["STAFF", "USER"]))]
    roles: Vec<String>,
}

impl RolesRequest {
    pub fn try_into_domain(self) -> Result<Roles, ApiError> {
        let roles: Result<Vec<Role>, _> = self.roles.iter().map(|r| Role::parse(r)).collect();
        roles.map(Roles::new).map_err(|_| {
            ApiError::invalid_request("Roles are ADMIN, SERVER, STAFF or USER")
                .with_invalid_fields(["roles"])
        })
    }
}
