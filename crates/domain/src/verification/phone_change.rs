//! Changing the own phone number: an SMS code to the new number, then the change with that code
//! (Lux: the SMS send call, then `POST change-phone` with `validnum`).

use chrono::{DateTime, Utc};

use super::model::{AttemptOutcome, CodeEffect, CodePurpose, IssueOutcome, NewVerificationCode};
use super::service::{CODE_DIGITS, ConfirmCodeError, VerificationService, code_params};
use super::settings::VerificationSettings;
use crate::UnexpectedError;
use crate::accounts::{Account, AccountId, LiveAccountError};
use crate::auth::ClientInfo;
use crate::delivery::{Locale, MessageParams, TemplateId};
use crate::outbox::{Channel, OutgoingMessage, QueuedMessage};
use crate::security_events::{self, SecurityEvent, notice_channels};
use crate::store::StoreTransaction;
use crate::throttle::{self, ThrottleKey};
use crate::values::Phone;

#[derive(Debug, thiserror::Error)]
pub enum SendPhoneCodeError {
    #[error("account does not exist")]
    AccountNotFound,
    #[error("account is deleted")]
    AccountDeleted,
    /// A code went to this number for this account less than the resend cooldown ago.
    #[error("a code was sent recently")]
    CoolingDown { retry_at: DateTime<Utc> },
    /// Too many codes to this number or from this IP.
    #[error("too many codes requested")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

#[derive(Debug, thiserror::Error)]
pub enum ChangePhoneError {
    #[error("account does not exist")]
    AccountNotFound,
    #[error("account is deleted")]
    AccountDeleted,
    /// Wrong code, or no code was sent to this number for this account.
    #[error("code is invalid")]
    CodeInvalid,
    #[error("code is expired")]
    CodeExpired,
    /// The code used up its attempts; a new one must be requested.
    #[error("too many wrong codes")]
    AttemptsExhausted,
    /// Too many wrong codes from this IP.
    #[error("too many wrong codes")]
    Throttled { retry_at: DateTime<Utc> },
    /// Another live account has this number, checked. Nothing changed; the code is not spent.
    #[error("phone number is already registered")]
    PhoneTaken,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// The code target of a phone change: the account and the new number together, so that a code
/// sent for one account cannot be consumed by another, nor applied to another number.
fn phone_change_target(account: AccountId, phone: &Phone) -> String {
    format!("{}:{}", account.0, phone.as_str())
}

impl VerificationService {
    /// Sends a code by SMS (through the outbox) to the number the caller wants as their phone.
    /// The resend cooldown applies per account and number; the send limits per number (whoever
    /// asks) and per IP.
    pub async fn send_phone_code(
        &self,
        account: AccountId,
        phone: &Phone,
        client: &ClientInfo,
    ) -> Result<(), SendPhoneCodeError> {
        let holder = self
            .accounts
            .find_live(account)
            .await
            .map_err(|e| match e {
                LiveAccountError::NotFound => SendPhoneCodeError::AccountNotFound,
                LiveAccountError::Deleted => SendPhoneCodeError::AccountDeleted,
                LiveAccountError::Unexpected(e) => SendPhoneCodeError::Unexpected(e),
            })?;
        let now = self.clock.now();
        let target_key = ThrottleKey::new("code-send:target", phone.as_str());
        let ip_key = client
            .ip
            .as_deref()
            .map(|ip| ThrottleKey::per_ip("code-send:ip", ip));
        let keys: Vec<ThrottleKey> = std::iter::once(target_key.clone())
            .chain(ip_key.clone())
            .collect();
        if let Some(retry_at) = throttle::blocked_until(&*self.throttle, &keys, now).await? {
            return Err(SendPhoneCodeError::Throttled { retry_at });
        }
        let account_key = ThrottleKey::new("code-send:account", &account.0.to_string());
        let reservations = [
            (Some(&account_key), &self.settings.sends_per_account),
            (ip_key.as_ref(), &self.settings.sends_per_ip),
        ];
        for (key, rule) in reservations {
            if let Some(retry_at) = self.reserve_send(key, rule, now).await? {
                return Err(SendPhoneCodeError::Throttled { retry_at });
            }
        }

        let code = self.secrets.numeric_code(CODE_DIGITS);
        let new_code = NewVerificationCode {
            purpose: CodePurpose::PhoneChange,
            target: phone_change_target(account, phone),
            account_id: Some(account),
            code_digest: self.digester.digest(&code),
            created_at: now,
            expires_at: now + self.settings.code_ttl,
            attempts: self.settings.attempts,
        };
        let locale = Locale::of_account(holder.locale.as_deref());
        let message = QueuedMessage::send(verification_sms(phone, &code, locale, &self.settings));
        match self
            .codes
            .issue(&new_code, self.settings.resend_cooldown, message)
            .await?
        {
            IssueOutcome::CoolingDown { retry_at } => {
                Err(SendPhoneCodeError::CoolingDown { retry_at })
            }
            IssueOutcome::Issued => {
                self.count_sent(&target_key, now).await?;
                Ok(())
            }
        }
    }

    /// Checks the code sent to `phone` for the caller and, in the same transaction, makes
    /// `phone` the caller's checked phone number and queues the notices of the change
    /// ([`change_checked_phone`]). Once committed, the change is a security event
    /// (`phone_changed`).
    pub async fn change_phone(
        &self,
        account: AccountId,
        phone: &Phone,
        code: &str,
        client: &ClientInfo,
    ) -> Result<(), ChangePhoneError> {
        let before = self
            .accounts
            .find_live(account)
            .await
            .map_err(|e| match e {
                LiveAccountError::NotFound => ChangePhoneError::AccountNotFound,
                LiveAccountError::Deleted => ChangePhoneError::AccountDeleted,
                LiveAccountError::Unexpected(e) => ChangePhoneError::Unexpected(e),
            })?;
        let target = phone_change_target(account, phone);
        let effect = CodeEffect::ChangePhone(phone.clone());
        let outcome = self
            .confirm(CodePurpose::PhoneChange, &target, code, &effect, client)
            .await
            .map_err(|e| match e {
                ConfirmCodeError::Invalid => ChangePhoneError::CodeInvalid,
                ConfirmCodeError::Expired => ChangePhoneError::CodeExpired,
                ConfirmCodeError::AttemptsExhausted => ChangePhoneError::AttemptsExhausted,
                ConfirmCodeError::Throttled { retry_at } => {
                    ChangePhoneError::Throttled { retry_at }
                }
                ConfirmCodeError::Unexpected(e) => ChangePhoneError::Unexpected(e),
            })?;
        match outcome {
            AttemptOutcome::Accepted { .. } => {
                let notices = phone_change_notices(&before, phone, self.clock.now());
                let sent_on = |channel| notices.iter().any(|m| m.channel() == channel);
                security_events::record(&SecurityEvent::PhoneChanged {
                    account,
                    ip: client.ip.as_deref(),
                    notices: notice_channels(sent_on(Channel::Email), sent_on(Channel::Sms)),
                });
                Ok(())
            }
            AttemptOutcome::PhoneTaken => Err(ChangePhoneError::PhoneTaken),
            other => Err(UnexpectedError::new(format!("confirm passed on {other:?}")).into()),
        }
    }
}

/// What an accepted phone-change code does, in the caller's transaction: the account is locked
/// (concurrent changes take turns) and `phone` becomes its checked number, unless another live
/// account holds it checked (false: the transaction must roll back); the notices of the change
/// ([`phone_change_notices`]) go to the outbox, sent only if the change commits. No account,
/// no one to notify.
pub(super) async fn change_checked_phone(
    tx: &mut dyn StoreTransaction,
    account: AccountId,
    phone: &Phone,
    now: DateTime<Utc>,
) -> Result<bool, UnexpectedError> {
    let before = tx.lock_account(account).await?;
    if tx.phone_checked_elsewhere(account, phone).await?
        || !tx.set_checked_phone(account, phone, now).await?
    {
        return Ok(false);
    }
    for notice in before.map_or_else(Vec::new, |a| phone_change_notices(&a, phone, now)) {
        tx.enqueue_message(&notice, now).await?;
    }
    Ok(true)
}

/// The notices of a change of `account`'s phone to `phone` at `at`, so that a change made with
/// a stolen token does not go unnoticed: an SMS to the previous number (if there was one) and
/// an email to the account's address, each naming the new number masked, in the account's
/// language. None when the number does not change.
pub fn phone_change_notices(
    account: &Account,
    phone: &Phone,
    at: DateTime<Utc>,
) -> Vec<OutgoingMessage> {
    if account.phone.as_ref() == Some(phone) {
        return Vec::new();
    }
    let params = MessageParams::new()
        .plain("masked_phone", masked(phone))
        .plain("at", at.format("%Y-%m-%d %H:%M UTC").to_string());
    let locale = Locale::of_account(account.locale.as_deref());
    let sms = account.phone.as_ref().map(|previous| {
        OutgoingMessage::sms(
            previous.as_str(),
            TemplateId::PhoneChanged,
            locale,
            params.clone(),
        )
    });
    let email = OutgoingMessage::email(
        account.email.as_str(),
        TemplateId::PhoneChanged,
        locale,
        params,
    );
    sms.into_iter().chain([email]).collect()
}

/// The number with all but its last four digits hidden (`****5678`).
fn masked(phone: &Phone) -> String {
    let digits = phone.as_str();
    let shown = digits.len().saturating_sub(4);
    format!("****{}", digits.get(shown..).unwrap_or_default())
}

/// The SMS carrying a phone-change code (a secret parameter, as in
/// [`verification_email`](super::service::verification_email)), in the account's language.
fn verification_sms(
    to: &Phone,
    code: &str,
    locale: Locale,
    settings: &VerificationSettings,
) -> OutgoingMessage {
    OutgoingMessage::sms(
        to.as_str(),
        TemplateId::PhoneCode,
        locale,
        code_params(code, settings),
    )
}

#[cfg(test)]
#[path = "phone_change_tests.rs"]
mod tests;
