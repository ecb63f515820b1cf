use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::check::{CodeRefusal, attempt_code};
use super::model::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome, NewVerificationCode};
use super::ports::VerificationCodeRepository;
use super::settings::VerificationSettings;
use crate::UnexpectedError;
use crate::accounts::{Account, AccountRepository};
use crate::auth::ClientInfo;
use crate::clock::Clock;
use crate::delivery::{Locale, MessageParams, TemplateId, link_with_query};
use crate::outbox::{OutgoingMessage, QueuedMessage};
use crate::secrets::{SecretDigester, SecretGenerator};
use crate::store::{UnitOfWork, transact};
use crate::throttle::{self, Budget, ThrottleKey, ThrottleRepository, refund, reserve};
use crate::usage::{self, Usage};
use crate::values::Email;

pub(super) const CODE_DIGITS: u32 = 6;

#[derive(Debug, thiserror::Error)]
pub enum SendCodeError {
    /// A code went to this target less than the resend cooldown ago.
    #[error("a code was sent recently")]
    CoolingDown { retry_at: DateTime<Utc> },
    /// Too many codes for this target or from this IP.
    #[error("too many codes requested")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

#[derive(Debug, thiserror::Error)]
pub enum ConfirmCodeError {
    #[error("code is invalid")]
    Invalid,
    #[error("code is expired")]
    Expired,
    /// The code used up its attempts; a new one must be requested.
    #[error("too many wrong codes")]
    AttemptsExhausted,
    /// Too many wrong codes from this IP.
    #[error("too many wrong codes")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

pub struct VerificationService {
    pub(super) accounts: Arc<dyn AccountRepository>,
    pub(super) codes: Arc<dyn VerificationCodeRepository>,
    pub(super) throttle: Arc<dyn ThrottleRepository>,
    pub(super) secrets: Arc<dyn SecretGenerator>,
    pub(super) digester: Arc<dyn SecretDigester>,
    pub(super) unit_of_work: Arc<dyn UnitOfWork>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) settings: VerificationSettings,
}

/// The ports the verification use cases need.
#[derive(Clone)]
pub struct VerificationPorts {
    pub accounts: Arc<dyn AccountRepository>,
    pub codes: Arc<dyn VerificationCodeRepository>,
    pub throttle: Arc<dyn ThrottleRepository>,
    pub secrets: Arc<dyn SecretGenerator>,
    pub digester: Arc<dyn SecretDigester>,
    pub unit_of_work: Arc<dyn UnitOfWork>,
    pub clock: Arc<dyn Clock>,
}

impl VerificationService {
    pub fn new(ports: VerificationPorts, settings: VerificationSettings) -> Self {
        let VerificationPorts {
            accounts,
            codes,
            throttle,
            secrets,
            digester,
            unit_of_work,
            clock,
        } = ports;
        Self {
            accounts,
            codes,
            throttle,
            secrets,
            digester,
            unit_of_work,
            clock,
            settings,
        }
    }

    pub fn settings(&self) -> &VerificationSettings {
        &self.settings
    }

    /// Sends a verification code to the email of an unverified account. Answers the same
    /// whether or not such an account exists: the cooldown and limits apply to every address.
    pub async fn send_email_code(
        &self,
        email: &Email,
        client: &ClientInfo,
    ) -> Result<(), SendCodeError> {
        let now = self.clock.now();
        let target = email.normalized();
        let target_key = ThrottleKey::new("code-send:target", &target);
        let ip_key = client
            .ip
            .as_deref()
            .map(|ip| ThrottleKey::per_ip("code-send:ip", ip));
        let keys: Vec<ThrottleKey> = std::iter::once(target_key.clone())
            .chain(ip_key.clone())
            .collect();
        if let Some(retry_at) = throttle::blocked_until(&*self.throttle, &keys, now).await? {
            return Err(SendCodeError::Throttled { retry_at });
        }
        if let Some(retry_at) = self
            .reserve_send(ip_key.as_ref(), &self.settings.sends_per_ip, now)
            .await?
        {
            return Err(SendCodeError::Throttled { retry_at });
        }

        let account = self
            .accounts
            .find_by_email(email)
            .await?
            .filter(|a| !a.email_verified);
        let code = self.secrets.numeric_code(CODE_DIGITS);
        let message = email_code_message(account.as_ref(), &target, &code, &self.settings);
        let new_code = NewVerificationCode {
            purpose: CodePurpose::EmailVerification,
            target,
            account_id: account.as_ref().map(|a| a.id),
            code_digest: self.digester.digest(&code),
            created_at: now,
            expires_at: now + self.settings.code_ttl,
            attempts: self.settings.attempts,
        };
        match self
            .codes
            .issue(&new_code, self.settings.resend_cooldown, message)
            .await?
        {
            IssueOutcome::CoolingDown { retry_at } => Err(SendCodeError::CoolingDown { retry_at }),
            IssueOutcome::Issued => {
                self.count_sent(&target_key, now).await?;
                Ok(())
            }
        }
    }

    /// Counts a code that was sent, against its target's limit.
    pub(super) async fn count_sent(
        &self,
        target: &ThrottleKey,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        usage::count(Usage::CodeSent);
        throttle::count(
            &*self.throttle,
            target,
            &self.settings.sends_per_target,
            now,
        )
        .await?;
        Ok(())
    }

    /// Counts a send before it happens, so that a burst of parallel requests cannot all pass
    /// an earlier check (the per-target limit needs no such care: the resend cooldown is
    /// settled atomically by the store). Returns when to retry if the limit is reached.
    pub(super) async fn reserve_send(
        &self,
        key: Option<&ThrottleKey>,
        rule: &crate::throttle::ThrottleRule,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
        match key {
            Some(key) => {
                throttle::count(&*self.throttle, key, &rule.counting_attempts(), now).await
            }
            None => Ok(None),
        }
    }

    /// Checks an emailed code and marks the email verified.
    pub async fn confirm_email(
        &self,
        email: &Email,
        code: &str,
        client: &ClientInfo,
    ) -> Result<(), ConfirmCodeError> {
        let target = email.normalized();
        self.confirm(
            CodePurpose::EmailVerification,
            &target,
            code,
            &CodeEffect::VerifyEmail,
            client,
        )
        .await
        .map(|_| ())
    }

    pub(super) async fn confirm(
        &self,
        purpose: CodePurpose,
        target: &str,
        code: &str,
        effect: &CodeEffect,
        client: &ClientInfo,
    ) -> Result<AttemptOutcome, ConfirmCodeError> {
        let now = self.clock.now();
        // Reserved before the code is judged, so that a burst of guesses cannot all pass;
        // given back unless the code was wrong.
        let ip_budget = Budget::per_ip(
            "code-check:ip",
            client.ip.as_deref(),
            self.settings.checks_per_ip,
        );
        if let Some(retry_at) = reserve(&*self.throttle, ip_budget.as_slice(), now).await? {
            return Err(ConfirmCodeError::Throttled { retry_at });
        }
        let digest = self.digester.digest(code.trim());
        let target = target.to_owned();
        let effect = effect.clone();
        let attempt = transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move { attempt_code(tx, purpose, &target, &digest, &effect, now).await })
        });
        let outcome = match attempt.await {
            Ok(outcome) => outcome,
            Err(CodeRefusal::PhoneTaken) => AttemptOutcome::PhoneTaken,
            Err(CodeRefusal::Unexpected(err)) => return Err(err.into()),
        };
        if !matches!(
            outcome,
            AttemptOutcome::Mismatch { .. } | AttemptOutcome::NotFound
        ) {
            refund(&*self.throttle, ip_budget.as_slice(), now).await?;
        }
        usage::count(match outcome {
            AttemptOutcome::Accepted { .. } => Usage::CodeVerified,
            _ => Usage::CodeRefused,
        });
        match outcome {
            AttemptOutcome::Accepted { .. } | AttemptOutcome::PhoneTaken => Ok(outcome),
            AttemptOutcome::Expired => Err(ConfirmCodeError::Expired),
            AttemptOutcome::Exhausted => Err(ConfirmCodeError::AttemptsExhausted),
            AttemptOutcome::Mismatch { .. } | AttemptOutcome::NotFound => {
                Err(ConfirmCodeError::Invalid)
            }
        }
    }
}

/// What a request for an email code queues: the code email to the account's address when an
/// unverified account has it, else the same email to the address asked for, suppressed
/// (written like the other, never sent), so that both answers cost the same (issue 7, 9).
pub(super) fn email_code_message(
    unverified: Option<&Account>,
    target: &str,
    code: &str,
    settings: &VerificationSettings,
) -> QueuedMessage {
    match unverified {
        Some(account) => QueuedMessage::send(verification_email(
            account.email.as_str(),
            target,
            code,
            settings,
            Locale::of_account(account.locale.as_deref()),
        )),
        None => QueuedMessage::suppressed(verification_email(
            target,
            target,
            code,
            settings,
            Locale::default(),
        )),
    }
}

/// The email carrying a verification code and a link that confirms it for `target` (the
/// normalized address): both are secret parameters (sealed in the outbox, never logged), in
/// `locale` (the account's).
pub(super) fn verification_email(
    to: &str,
    target: &str,
    code: &str,
    settings: &VerificationSettings,
    locale: Locale,
) -> OutgoingMessage {
    let link = link_with_query(
        &settings.email_link_base,
        &[("email", target), ("code", code)],
    );
    OutgoingMessage::email(
        to,
        TemplateId::EmailVerification,
        locale,
        code_params(code, settings).secret("link", link),
    )
}

/// The parameters of a code message: `code` (secret) and `minutes` (its lifetime).
pub(super) fn code_params(code: &str, settings: &VerificationSettings) -> MessageParams {
    MessageParams::new()
        .secret("code", code)
        .plain("minutes", settings.code_ttl.num_minutes().to_string())
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;
