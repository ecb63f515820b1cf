use chrono::{DateTime, Utc};

use crate::accounts::{AccountId, RegisterType};

/// An identity provider the service signs users in with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    Google,
}

impl Provider {
    /// The name in paths (`registrationId`) and in the store.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Google => "google",
        }
    }

    /// The provider named `name` (a `registrationId` of the paths), if the service knows it.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "google" => Some(Self::Google),
            _ => None,
        }
    }

    /// How an account created through this provider is registered (`register_type`).
    pub fn register_type(&self) -> RegisterType {
        match self {
            Self::Google => RegisterType::Google,
        }
    }
}

/// One identity at one provider: the provider's stable subject id (`sub`), never the email,
/// which the holder can change.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExternalIdentity {
    pub provider: Provider,
    pub subject: String,
}

/// An identity linked to an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedIdentity {
    pub identity: ExternalIdentity,
    pub account_id: AccountId,
    pub linked_at: DateTime<Utc>,
}
