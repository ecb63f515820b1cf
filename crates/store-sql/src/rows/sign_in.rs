use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::identities::{ExternalIdentity, LinkedIdentity, Provider};
use account_domain::sign_in::{PendingAuthorization, PendingRegistration, ProviderClaims};
use diesel::prelude::*;

use super::UnknownCode;
use crate::schema::{linked_identities, pending_authorizations, pending_registrations};
use crate::time::StoredTime;

/// A provider name read back from the store.
fn stored_provider(name: &str) -> Result<Provider, UnexpectedError> {
    Provider::parse(name).ok_or_else(|| {
        UnexpectedError::with_source("a stored provider", UnknownCode(name.to_owned()))
    })
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = linked_identities)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct LinkedIdentityRow {
    pub id: i64,
    pub provider: String,
    pub subject: String,
    pub account_id: i64,
    pub linked_at: StoredTime,
}

impl LinkedIdentityRow {
    pub fn into_domain(self) -> Result<LinkedIdentity, UnexpectedError> {
        Ok(LinkedIdentity {
            identity: ExternalIdentity {
                provider: stored_provider(&self.provider)?,
                subject: self.subject,
            },
            account_id: AccountId(self.account_id),
            linked_at: self.linked_at.into(),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = linked_identities)]
pub struct NewLinkedIdentityRow {
    pub provider: &'static str,
    pub subject: String,
    pub account_id: i64,
    pub linked_at: StoredTime,
}

impl NewLinkedIdentityRow {
    pub fn new(identity: &ExternalIdentity, account: AccountId, now: StoredTime) -> Self {
        Self {
            provider: identity.provider.as_str(),
            subject: identity.subject.clone(),
            account_id: account.0,
            linked_at: now,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pending_authorizations)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct PendingAuthorizationRow {
    pub state_digest: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub created_at: StoredTime,
    pub expires_at: StoredTime,
}

impl PendingAuthorizationRow {
    pub fn from_domain(pending: &PendingAuthorization) -> Self {
        Self {
            state_digest: pending.state_digest.clone(),
            provider: pending.provider.as_str().to_owned(),
            nonce: pending.nonce.clone(),
            pkce_verifier: pending.pkce_verifier.clone(),
            created_at: StoredTime(pending.created_at),
            expires_at: StoredTime(pending.expires_at),
        }
    }

    pub fn into_domain(self) -> Result<PendingAuthorization, UnexpectedError> {
        Ok(PendingAuthorization {
            provider: stored_provider(&self.provider)?,
            state_digest: self.state_digest,
            nonce: self.nonce,
            pkce_verifier: self.pkce_verifier,
            created_at: self.created_at.into(),
            expires_at: self.expires_at.into(),
        })
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pending_registrations)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct PendingRegistrationRow {
    pub token_digest: String,
    pub provider: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
    pub picture: Option<String>,
    pub locale: Option<String>,
    pub created_at: StoredTime,
    pub expires_at: StoredTime,
}

impl PendingRegistrationRow {
    pub fn from_domain(registration: &PendingRegistration) -> Self {
        let claims = &registration.claims;
        Self {
            token_digest: registration.token_digest.clone(),
            provider: claims.identity.provider.as_str().to_owned(),
            subject: claims.identity.subject.clone(),
            email: claims.email.clone(),
            email_verified: claims.email_verified,
            name: claims.name.clone(),
            picture: claims.picture.clone(),
            locale: claims.locale.clone(),
            created_at: StoredTime(registration.created_at),
            expires_at: StoredTime(registration.expires_at),
        }
    }

    pub fn into_domain(self) -> Result<PendingRegistration, UnexpectedError> {
        Ok(PendingRegistration {
            claims: ProviderClaims {
                identity: ExternalIdentity {
                    provider: stored_provider(&self.provider)?,
                    subject: self.subject,
                },
                email: self.email,
                email_verified: self.email_verified,
                name: self.name,
                picture: self.picture,
                locale: self.locale,
            },
            token_digest: self.token_digest,
            created_at: self.created_at.into(),
            expires_at: self.expires_at.into(),
        })
    }
}
