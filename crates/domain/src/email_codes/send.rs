//! Emailing a code: the same work and answer whether or not the address has an account (a
//! code is how an address without one signs up).

use chrono::{DateTime, Utc};

use super::service::EmailCodeService;
use crate::UnexpectedError;
use crate::accounts::Account;
use crate::auth::ClientInfo;
use crate::delivery::{Locale, MessageParams, TemplateId};
use crate::outbox::{OutgoingMessage, QueuedMessage};
use crate::throttle::{Budget, ThrottleKey, reserve};
use crate::values::Email;
use crate::verification::{CodePurpose, IssueOutcome, NewVerificationCode};

#[derive(Debug, thiserror::Error)]
pub enum SendAccessCodeError {
    /// A code went to this address less than the resend cooldown ago.
    #[error("a code was sent recently")]
    CoolingDown { retry_at: DateTime<Utc> },
    /// Too many codes requested for this address or from this IP.
    #[error("too many codes requested")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl EmailCodeService {
    /// Emails a new code to `email`, superseding the one before, unless one went there less
    /// than the resend cooldown ago. Each request counts against the address and the client's
    /// IP first.
    pub async fn send_code(
        &self,
        email: &Email,
        client: &ClientInfo,
    ) -> Result<(), SendAccessCodeError> {
        let now = self.ports.clock.now();
        let target = email.normalized();
        let budgets: Vec<Budget> = std::iter::once(Budget::new(
            ThrottleKey::new("account-code-send:address", &target),
            self.settings.sends_per_address,
        ))
        .chain(Budget::per_ip(
            "account-code-send:ip",
            client.ip.as_deref(),
            self.settings.sends_per_ip,
        ))
        .collect();
        if let Some(retry_at) = reserve(&*self.ports.throttle, &budgets, now).await? {
            return Err(SendAccessCodeError::Throttled { retry_at });
        }
        let account = self.ports.accounts.find_by_email(email).await?;
        let code = self.ports.secrets.text_code(self.settings.code_chars);
        let message = code_message(account.as_ref(), email, &code, self.settings.code_ttl);
        let new_code = NewVerificationCode {
            purpose: CodePurpose::AccountAccess,
            target,
            account_id: account.as_ref().map(|a| a.id),
            code_digest: self.ports.digester.digest(&code),
            created_at: now,
            expires_at: now + self.settings.code_ttl,
            attempts: self.settings.attempts,
        };
        match self
            .ports
            .codes
            .issue(&new_code, self.settings.resend_cooldown, message)
            .await?
        {
            IssueOutcome::Issued => Ok(()),
            IssueOutcome::CoolingDown { retry_at } => {
                Err(SendAccessCodeError::CoolingDown { retry_at })
            }
        }
    }
}

/// The code email (the verification-code template), in the account's language when the address
/// has an account.
fn code_message(
    account: Option<&Account>,
    email: &Email,
    code: &str,
    ttl: chrono::Duration,
) -> QueuedMessage {
    let locale = Locale::of_account(account.and_then(|a| a.locale.as_deref()));
    let to = account.map_or(email, |a| &a.email);
    let params = MessageParams::new()
        .secret("code", code)
        .plain("minutes", ttl.num_minutes().to_string());
    QueuedMessage::send(OutgoingMessage::email(
        to.as_str(),
        TemplateId::VerificationCode,
        locale,
        params,
    ))
}
