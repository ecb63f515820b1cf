use crate::accounts::Account;
use crate::audit::PageRequest;
use crate::values::Role;

/// Where an account stands, as the administration lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountState {
    /// Neither deleted nor banned.
    Active,
    /// Banned and not deleted.
    Banned,
    /// Deleted (restorable within the retention period, anonymised after it).
    Deleted,
}

impl AccountState {
    pub fn of(account: &Account) -> Self {
        if account.is_deleted() {
            Self::Deleted
        } else if account.is_banned() {
            Self::Banned
        } else {
            Self::Active
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Banned => "banned",
            Self::Deleted => "deleted",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Active, Self::Banned, Self::Deleted]
            .into_iter()
            .find(|state| state.as_str() == raw.trim().to_ascii_lowercase())
    }
}

/// Text searched for in a field, case-insensitively: trimmed, lower-cased, 1 to 100
/// characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchText(String);

impl SearchText {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Option<Self> {
        let value = raw.trim();
        let chars = value.chars().count();
        ((1..=Self::MAX_CHARS).contains(&chars) && !value.chars().any(char::is_control))
            .then(|| Self(value.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A parameter of an account search that breaks its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum QueryField {
    Email,
    Name,
    Role,
    State,
    Page,
    Size,
}

/// Which accounts to list; every given filter must hold. By id, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountQuery {
    /// Part of the email address.
    pub email: Option<SearchText>,
    /// Part of the display name, the first name or the last name.
    pub name: Option<SearchText>,
    pub role: Option<Role>,
    pub state: Option<AccountState>,
    pub page: PageRequest,
}

impl AccountQuery {
    /// Parses the raw parameters, naming every one at fault.
    pub fn parse(
        email: Option<&str>,
        name: Option<&str>,
        role: Option<&str>,
        state: Option<&str>,
        page: Option<u32>,
        size: Option<u32>,
    ) -> Result<Self, Vec<QueryField>> {
        let mut invalid = Vec::new();
        let mut field = |raw: Option<&str>, which: QueryField| {
            let parsed = raw.map(SearchText::parse);
            if matches!(parsed, Some(None)) {
                invalid.push(which);
            }
            parsed.flatten()
        };
        let email = field(email, QueryField::Email);
        let name = field(name, QueryField::Name);
        let role = match role.map(Role::parse) {
            Some(Ok(role)) => Some(role),
            Some(Err(_)) => {
                invalid.push(QueryField::Role);
                None
            }
            None => None,
        };
        let state = match state.map(AccountState::parse) {
            Some(None) => {
                invalid.push(QueryField::State);
                None
            }
            other => other.flatten(),
        };
        if page == Some(0) {
            invalid.push(QueryField::Page);
        }
        if size.is_some_and(|s| s == 0 || s > PageRequest::MAX_SIZE) {
            invalid.push(QueryField::Size);
        }
        match PageRequest::new(page, size) {
            Some(page) if invalid.is_empty() => Ok(Self {
                email,
                name,
                role,
                state,
                page,
            }),
            _ => Err(invalid),
        }
    }
}

/// One page of accounts and how many match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountPage {
    pub accounts: Vec<Account>,
    pub total: u64,
}

/// What bringing a deleted account back did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undelete {
    Restored,
    /// A live account holds its email, login id, nickname or checked phone now.
    IdentifierTaken,
    /// It is live, anonymised already, or unknown.
    NotDeleted,
}
