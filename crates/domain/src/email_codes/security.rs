//! The security update: a new password, or a social log-in linked, confirmed by an emailed
//! code.

use chrono::{DateTime, Utc};

use super::redeem::{Redemption, redeem_code_of};
use super::service::EmailCodeService;
use crate::UnexpectedError;
use crate::auth::{ClientInfo, Principal, SessionEnding, end_sessions};
use crate::identities::ExternalIdentity;
use crate::security_events::{self, SecurityEvent};
use crate::store::transact;
use crate::values::{LoginId, Password, PasswordError};

/// What the caller asks to change; at least one of the two.
#[derive(Debug, Clone, Default)]
pub struct SecurityUpdate {
    pub password: Option<Password>,
    /// A social log-in to keep on the account. Accepted only when the caller proved it through
    /// the provider's sign-in flow (the identity is linked to this account): a client's word
    /// links nothing.
    pub social_login: Option<ExternalIdentity>,
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateSecurityError {
    /// Not the current code of the caller's address, or it expired or ran out of attempts.
    #[error("invalid or expired code")]
    InvalidCode,
    /// The account was deleted meanwhile.
    #[error("account is deleted")]
    AccountNotFound,
    #[error(transparent)]
    WeakPassword(PasswordError),
    /// The social log-in was not proven by this account through the provider's sign-in
    /// flow (unknown provider, an identity never signed in with, or another account's).
    #[error("the social log-in was not proven through its sign-in")]
    SocialLoginNotProven,
    #[error("nothing to change")]
    NothingToChange,
    #[error("too many wrong codes")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// What the unit of work of a security update did.
enum Outcome {
    Done { revoked: u64 },
    Refused { guessed: bool },
    Gone,
}

impl EmailCodeService {
    /// Applies `update` to the caller's account when `code` is the current code of its
    /// address, spending the code. A new password ends every other session and every access
    /// token issued before; the social log-in is checked before the code is looked at and
    /// changes nothing stored (it is linked already).
    pub async fn update_security(
        &self,
        caller: &Principal,
        code: &str,
        update: SecurityUpdate,
        client: &ClientInfo,
    ) -> Result<(), UpdateSecurityError> {
        if update.password.is_none() && update.social_login.is_none() {
            return Err(UpdateSecurityError::NothingToChange);
        }
        let account = &caller.account;
        if let Some(password) = &update.password {
            let identifiers = [account.email.as_str()]
                .into_iter()
                .chain(account.login_id.as_ref().map(LoginId::as_str))
                .chain(account.nickname.as_deref());
            password
                .ensure_differs_from(identifiers)
                .map_err(UpdateSecurityError::WeakPassword)?;
        }
        if let Some(identity) = &update.social_login {
            let holder = self.ports.identities.find_account(identity).await?;
            if holder != Some(caller.account_id) {
                return Err(UpdateSecurityError::SocialLoginNotProven);
            }
        }
        let now = self.ports.clock.now();
        let budget = self.check_budget(client);
        if let Some(retry_at) = self.reserve_check(&budget, now).await? {
            return Err(UpdateSecurityError::Throttled { retry_at });
        }
        let password_hash = match &update.password {
            Some(password) => Some(self.ports.hasher.hash(password).await?),
            None => None,
        };
        let digest = self.digest_of(code);
        let target = account.email.normalized();
        let (id, session) = (caller.account_id, caller.session_id);
        let outcome = transact(&*self.ports.unit_of_work, move |tx| {
            Box::pin(async move {
                if let Redemption::Refused { guessed } =
                    redeem_code_of(tx, &target, &digest, now).await?
                {
                    return Ok(Outcome::Refused { guessed });
                }
                let Some(hash) = password_hash else {
                    return Ok(Outcome::Done { revoked: 0 });
                };
                if !tx.set_password(id, &hash, now).await? {
                    return Ok(Outcome::Gone);
                }
                let revoked =
                    end_sessions(tx, id, SessionEnding::AllBut(Some(session)), now).await?;
                Ok::<_, UnexpectedError>(Outcome::Done { revoked })
            })
        })
        .await?;
        let guessed = matches!(outcome, Outcome::Refused { guessed: true });
        self.settle_check(&budget, guessed, now).await?;
        match outcome {
            Outcome::Done { revoked } => {
                if update.password.is_some() {
                    security_events::record(&SecurityEvent::PasswordChanged {
                        account: id,
                        session,
                    });
                    tracing::debug!(revoked, "password changed with an emailed code");
                }
                Ok(())
            }
            Outcome::Refused { .. } => Err(UpdateSecurityError::InvalidCode),
            Outcome::Gone => Err(UpdateSecurityError::AccountNotFound),
        }
    }
}
