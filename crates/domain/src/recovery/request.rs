//! A request for a reset email: answered the same whether or not the address has an account.

use chrono::{DateTime, Utc};

use super::link::reset_link;
use super::service::PasswordResetService;
use super::settings::ResetSettings;
use crate::UnexpectedError;
use crate::accounts::Account;
use crate::auth::ClientInfo;
use crate::delivery::{Locale, MessageParams, TemplateId};
use crate::outbox::{OutgoingMessage, QueuedMessage};
use crate::throttle::{Budget, ThrottleKey, reserve};
use crate::usage::{self, Usage};
use crate::values::Email;
use crate::verification::{CodePurpose, IssueOutcome, NewVerificationCode};

#[derive(Debug, thiserror::Error)]
pub enum RequestResetError {
    /// A token went to this address less than the resend cooldown ago.
    #[error("a reset email was sent recently")]
    CoolingDown { retry_at: DateTime<Utc> },
    /// Too many requests for this address or from this IP.
    #[error("too many reset requests")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl PasswordResetService {
    /// Emails a reset token to the live account holding `email`, verified or not. For an
    /// address without an account the same email is written and never sent, after the same
    /// limits, so that the answer tells nothing. Each request counts against the address and
    /// the client's IP before anything else is done.
    pub async fn request_reset(
        &self,
        email: &Email,
        client: &ClientInfo,
    ) -> Result<(), RequestResetError> {
        let now = self.ports.clock.now();
        let target = email.normalized();
        let budgets: Vec<Budget> = std::iter::once(Budget::new(
            ThrottleKey::new("reset-request:address", &target),
            self.settings.requests_per_address,
        ))
        .chain(Budget::per_ip(
            "reset-request:ip",
            client.ip.as_deref(),
            self.settings.requests_per_ip,
        ))
        .collect();
        if let Some(retry_at) = reserve(&*self.ports.throttle, &budgets, now).await? {
            return Err(RequestResetError::Throttled { retry_at });
        }
        let account = self.ports.accounts.find_by_email(email).await?;
        let token = self.ports.secrets.text_code(self.settings.token_chars);
        let message = reset_message(account.as_ref(), &target, &token, &self.settings);
        let new_token = NewVerificationCode {
            purpose: CodePurpose::PasswordReset,
            target,
            account_id: account.as_ref().map(|a| a.id),
            code_digest: self.ports.digester.digest(&token),
            created_at: now,
            expires_at: now + self.settings.token_ttl,
            attempts: self.settings.attempts,
        };
        let issued = self
            .ports
            .codes
            .issue(&new_token, self.settings.resend_cooldown, message)
            .await?;
        match issued {
            IssueOutcome::Issued => {
                usage::count(Usage::CodeSent);
                Ok(())
            }
            IssueOutcome::CoolingDown { retry_at } => {
                Err(RequestResetError::CoolingDown { retry_at })
            }
        }
    }
}

/// The reset email to the account's address, or, when no live account has the address, the
/// same email to it suppressed (written like the other, never sent).
pub(super) fn reset_message(
    account: Option<&Account>,
    target: &str,
    token: &str,
    settings: &ResetSettings,
) -> QueuedMessage {
    let email = |to: &str, locale: Locale| {
        let params = MessageParams::new()
            .secret("link", reset_link(&settings.link_base, to, token))
            .secret("code", token)
            .plain("minutes", settings.token_ttl.num_minutes().to_string());
        OutgoingMessage::email(to, TemplateId::PasswordReset, locale, params)
    };
    match account {
        Some(account) => {
            let locale = account
                .locale
                .as_deref()
                .map(Locale::parse)
                .unwrap_or_default();
            QueuedMessage::send(email(account.email.as_str(), locale))
        }
        None => QueuedMessage::suppressed(email(target, Locale::default())),
    }
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;
